package io.vpclattice.multicluster.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4CidrTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/16", "0.0.0.0/0", "192.168.255.0/24", "203.0.113.7/32", "172.16.0.0/12"})
    void parsesNetworksAndPrintsThemBack(String text) {
        assertEquals(text, Ipv4Cidr.of(text).toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "10.0.0.0",
                "10.0.0.0/33",
                "256.0.0.0/8",
                "10.0.0/16",
                "10.0.0.1/16",
                "010.0.0.0/8",
                "10.0.0.0/-1",
                " 10.0.0.0/16x",
                "a.b.c.d/8"
            })
    void rejectsWhatIsNotANetwork(String text) {
        assertEquals(Optional.empty(), Ipv4Cidr.parse(text));
    }

    @Test
    void suggestsTheNetworkWhenHostBitsAreSet() {
        assertEquals(Optional.of("10.0.0.0/16"), Ipv4Cidr.aligned("10.0.1.0/16"));
        assertEquals(Optional.empty(), Ipv4Cidr.aligned("10.0.0.0/40"));
    }

    @Test
    void subnetsFollowTerraformsCidrsubnet() {
        var vpc = Ipv4Cidr.of("10.0.0.0/16");
        assertEquals("10.0.16.0/20", vpc.subnet(4, 1).toString());
        assertEquals("10.0.48.0/24", vpc.subnet(8, 48).toString());
        assertEquals("10.0.255.0/24", vpc.subnet(8, 255).toString());
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(8, 256));
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(17, 0));
    }

    @Test
    void containmentAndOverlap() {
        var vpc = Ipv4Cidr.of("10.0.0.0/16");
        assertTrue(vpc.contains(Ipv4Cidr.of("10.0.255.0/24")));
        assertFalse(vpc.contains(Ipv4Cidr.of("10.1.0.0/24")));
        assertFalse(Ipv4Cidr.of("10.0.0.0/24").contains(vpc));
        assertTrue(vpc.overlaps(Ipv4Cidr.of("10.0.0.0/8")));
        assertFalse(Ipv4Cidr.of("10.0.0.0/24").overlaps(Ipv4Cidr.of("10.0.1.0/24")));
    }
}
