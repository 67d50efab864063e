package io.vpclattice.multicluster.naming;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The regions each AWS partition has, so that a region no partition has ({@code eu-west-9}) is refused offline
 * instead of by the first AWS call of {@code pulumi up}.
 *
 * <p>Source: {@code botocore/data/partitions.json} of boto/botocore, the file's last change e3ae208 of 2026-01-15
 * (the AWS SDKs' shared partition metadata), read 2026-08; its {@code -global} pseudo-regions are left out. A region
 * AWS opens later is refused until it is added here, with that message.
 */
public final class AwsRegions {
    private AwsRegions() {}

    /** The regions of one partition, as partitions.json lists them. */
    public record PartitionRegions(String partition, List<String> regions) {}

    /** In the order of partitions.json, so a tie between near misses names the {@code aws} region first. */
    public static final List<PartitionRegions> PARTITIONS = List.of(
            new PartitionRegions(
                    "aws",
                    List.of(
                            "af-south-1",
                            "ap-east-1",
                            "ap-east-2",
                            "ap-northeast-1",
                            "ap-northeast-2",
                            "ap-northeast-3",
                            "ap-south-1",
                            "ap-south-2",
                            "ap-southeast-1",
                            "ap-southeast-2",
                            "ap-southeast-3",
                            "ap-southeast-4",
                            "ap-southeast-5",
                            "ap-southeast-6",
                            "ap-southeast-7",
                            "ca-central-1",
                            "ca-west-1",
                            "eu-central-1",
                            "eu-central-2",
                            "eu-north-1",
                            "eu-south-1",
                            "eu-south-2",
                            "eu-west-1",
                            "eu-west-2",
                            "eu-west-3",
                            "il-central-1",
                            "me-central-1",
                            "me-south-1",
                            "mx-central-1",
                            "sa-east-1",
                            "us-east-1",
                            "us-east-2",
                            "us-west-1",
                            "us-west-2")),
            new PartitionRegions("aws-cn", List.of("cn-north-1", "cn-northwest-1")),
            new PartitionRegions("aws-eusc", List.of("eusc-de-east-1")),
            new PartitionRegions("aws-iso", List.of("us-iso-east-1", "us-iso-west-1")),
            new PartitionRegions("aws-iso-b", List.of("us-isob-east-1", "us-isob-west-1")),
            new PartitionRegions("aws-iso-e", List.of("eu-isoe-west-1")),
            new PartitionRegions("aws-iso-f", List.of("us-isof-east-1", "us-isof-south-1")),
            new PartitionRegions("aws-us-gov", List.of("us-gov-east-1", "us-gov-west-1")));

    /** A near miss is at most this many single-character edits away ({@code eu-west-9}, {@code euwest-1}). */
    static final int NEAR_MISS_EDITS = 2;

    /** The partition that has {@code region}, if one has it. */
    public static Optional<String> partitionOf(String region) {
        return PARTITIONS.stream()
                .filter(p -> p.regions().contains(region))
                .map(PartitionRegions::partition)
                .findFirst();
    }

    public static boolean exists(String region) {
        return partitionOf(region).isPresent();
    }

    /** The region the fewest edits away from {@code value}, if one is a near miss; the first listed wins a tie. */
    public static Optional<String> nearest(String value) {
        String typed = value.trim().toLowerCase(Locale.ROOT);
        String best = null;
        int bestEdits = NEAR_MISS_EDITS + 1;
        for (PartitionRegions partition : PARTITIONS) {
            for (String region : partition.regions()) {
                int edits = Edits.distance(typed, region);
                if (edits < bestEdits) {
                    best = region;
                    bestEdits = edits;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
