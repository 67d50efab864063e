package io.vpclattice.multicluster.naming;

/**
 * The AWS partition of a region, for the ARNs this program writes itself (managed policy ARNs, the account
 * root principal, the root CA template). Derived from the region name so it costs no invoke.
 */
public final class Partition {
    private Partition() {}

    public static String ofRegion(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        return "aws";
    }
}
