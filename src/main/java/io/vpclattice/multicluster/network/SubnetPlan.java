package io.vpclattice.multicluster.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The subnet layout of a cluster VPC, decided from its CIDR, the zone count and the NAT strategy, as in the
 * Terraform original: private subnets are {@code cidrsubnet(vpc, 4, i)} and public subnets
 * {@code cidrsubnet(vpc, 8, 16 * zones + i)}, so a /16 with three zones gives 10.0.0.0/20, 10.0.16.0/20,
 * 10.0.32.0/20 and 10.0.48.0/24, 10.0.49.0/24, 10.0.50.0/24.
 *
 * @param zones one entry per availability zone, in zone order
 * @param natGatewayZones indexes of the zones whose public subnet holds a NAT gateway
 */
public record SubnetPlan(Ipv4Cidr vpc, List<ZoneSubnets> zones, List<Integer> natGatewayZones) {

    public static final int MIN_ZONES = 2;
    public static final int MAX_ZONES = 6;
    /** Private subnets are 1/16 of the VPC, public subnets 1/256. */
    public static final int PRIVATE_NEW_BITS = 4;

    public static final int PUBLIC_NEW_BITS = 8;
    /** A /20 VPC gives /24 private and /28 public subnets; /28 is the smallest subnet AWS allows. */
    public static final int LARGEST_PREFIX = 20;

    public static final int SMALLEST_PREFIX = 16;

    /**
     * Subnets of one zone.
     *
     * @param natGatewayZone index of the zone whose NAT gateway the private subnet routes through
     */
    public record ZoneSubnets(int zoneIndex, Ipv4Cidr privateSubnet, Ipv4Cidr publicSubnet, int natGatewayZone) {}

    public SubnetPlan {
        zones = List.copyOf(zones);
        natGatewayZones = List.copyOf(natGatewayZones);
    }

    public static SubnetPlan decide(Ipv4Cidr vpc, int zoneCount, NatGateways natGateways) {
        if (vpc.prefixLength() < SMALLEST_PREFIX || vpc.prefixLength() > LARGEST_PREFIX) {
            throw new IllegalArgumentException("VPC CIDR " + vpc + " must be /" + SMALLEST_PREFIX + " to /"
                    + LARGEST_PREFIX + ": AWS allows VPCs of /16 at most, and a VPC smaller than /" + LARGEST_PREFIX
                    + " leaves public subnets under the /28 minimum");
        }
        if (zoneCount < MIN_ZONES || zoneCount > MAX_ZONES) {
            throw new IllegalArgumentException("zone count must be " + MIN_ZONES + " to " + MAX_ZONES
                    + " (EKS needs subnets in two zones at least), got " + zoneCount);
        }
        var zones = new ArrayList<ZoneSubnets>();
        // Public subnets start right after the private ones: each private subnet spans 2^(8-4) public-sized blocks.
        int publicOffset = zoneCount << (PUBLIC_NEW_BITS - PRIVATE_NEW_BITS);
        for (int i = 0; i < zoneCount; i++) {
            int natZone = natGateways == NatGateways.PER_ZONE ? i : 0;
            zones.add(new ZoneSubnets(
                    i, vpc.subnet(PRIVATE_NEW_BITS, i), vpc.subnet(PUBLIC_NEW_BITS, publicOffset + i), natZone));
        }
        List<Integer> natZones = natGateways == NatGateways.PER_ZONE
                ? zones.stream().map(ZoneSubnets::zoneIndex).toList()
                : List.of(0);
        return new SubnetPlan(vpc, zones, natZones);
    }
}
