package io.vpclattice.multicluster.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetPlanTest {

    @Test
    void defaultClusterGetsTheOriginalLayout() {
        var plan = SubnetPlan.decide(Ipv4Cidr.of("10.0.0.0/16"), 3, NatGateways.SINGLE);
        assertEquals(
                List.of("10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"),
                plan.zones().stream().map(z -> z.privateSubnet().toString()).toList());
        assertEquals(
                List.of("10.0.48.0/24", "10.0.49.0/24", "10.0.50.0/24"),
                plan.zones().stream().map(z -> z.publicSubnet().toString()).toList());
        assertEquals(List.of(0), plan.natGatewayZones());
        plan.zones().forEach(z -> assertEquals(0, z.natGatewayZone()));
    }

    @Test
    void perZoneNatKeepsEachZonesEgressInTheZone() {
        var plan = SubnetPlan.decide(Ipv4Cidr.of("10.0.0.0/16"), 3, NatGateways.PER_ZONE);
        assertEquals(List.of(0, 1, 2), plan.natGatewayZones());
        plan.zones().forEach(z -> assertEquals(z.zoneIndex(), z.natGatewayZone()));
    }

    static Stream<Arguments> everySupportedShape() {
        var shapes = new ArrayList<Arguments>();
        for (int prefix = SubnetPlan.SMALLEST_PREFIX; prefix <= SubnetPlan.LARGEST_PREFIX; prefix++) {
            for (int zones = SubnetPlan.MIN_ZONES; zones <= SubnetPlan.MAX_ZONES; zones++) {
                for (var nat : NatGateways.values()) {
                    shapes.add(Arguments.of("172.16.0.0/" + prefix, zones, nat));
                }
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0} over {1} zones, NAT {2}")
    @MethodSource("everySupportedShape")
    void subnetsStayInsideTheVpcNeverOverlapAndHaveUsableSizes(String cidr, int zones, NatGateways nat) {
        var vpc = Ipv4Cidr.of(cidr);
        var plan = SubnetPlan.decide(vpc, zones, nat);
        var all = new ArrayList<Ipv4Cidr>();
        plan.zones().forEach(z -> {
            all.add(z.privateSubnet());
            all.add(z.publicSubnet());
            assertEquals(vpc.prefixLength() + 4, z.privateSubnet().prefixLength());
            assertEquals(vpc.prefixLength() + 8, z.publicSubnet().prefixLength());
            assertTrue(z.publicSubnet().prefixLength() <= 28, "AWS subnets are /28 or larger");
            assertTrue(plan.natGatewayZones().contains(z.natGatewayZone()));
        });
        assertEquals(zones, plan.zones().size());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(vpc.contains(all.get(i)), all.get(i) + " outside " + vpc);
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), all.get(i) + " overlaps " + all.get(j));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/15", "10.0.0.0/21", "10.0.0.0/24"})
    void refusesVpcsAwsOrTheLayoutCannotHold(String cidr) {
        var error = assertThrows(
                IllegalArgumentException.class, () -> SubnetPlan.decide(Ipv4Cidr.of(cidr), 3, NatGateways.SINGLE));
        assertTrue(error.getMessage().startsWith("VPC CIDR " + cidr + " must be /16 to /20"), error.getMessage());
    }

    @Test
    void refusesZoneCountsEksCannotUse() {
        IntStream.of(0, 1, 7)
                .forEach(zones -> assertThrows(
                        IllegalArgumentException.class,
                        () -> SubnetPlan.decide(Ipv4Cidr.of("10.0.0.0/16"), zones, NatGateways.SINGLE)));
    }
}
