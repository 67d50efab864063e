package io.vpclattice.multicluster.naming;

/**
 * The AWS partition of a region, for the ARNs this program writes itself (managed policy ARNs, the account
 * root principal, the root CA template). Derived from the region name so it costs no invoke.
 */
public final class Partition {
    private Partition() {}

    public static String ofRegion(String region) {
        return AwsRegions.partitionOf(region).orElseGet(() -> byPrefix(region));
    }

    /** For a region the list does not have yet: the partitions' regionRegex of partitions.json, most specific first. */
    private static String byPrefix(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        if (region.startsWith("eusc-")) {
            return "aws-eusc";
        }
        return "aws";
    }
}
