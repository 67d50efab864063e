package io.vpclattice.multicluster.naming;

/** The AWS account and region a stack creates its resources in, and the partition their ARNs name. */
public record AccountRegion(String account, String region) {

    public String partition() {
        return Partition.ofRegion(region);
    }
}
