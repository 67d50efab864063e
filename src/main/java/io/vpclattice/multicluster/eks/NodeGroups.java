package io.vpclattice.multicluster.eks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The managed node group's name and instance types. Several types of one size keep nodes coming when one type
 * runs short in a zone (Security Hub AutoScaling.6, "Auto Scaling groups should use multiple instance types in
 * multiple Availability Zones"); EKS fills On-Demand capacity in the order given ("Managed node groups use the
 * order of instance types passed in the API", EKS User Guide, managed-node-groups, "On-Demand").
 *
 * <p>The instance types of a node group cannot change in place: the provider replaces the group
 * ({@code instance_types} is ForceNew in terraform-provider-aws internal/service/eks/node_group.go, and EKS's
 * UpdateNodegroupConfig has no instance types). Pulumi creates the replacement before deleting the old group, which
 * EKS refuses while both carry one fixed name. So the name is derived from the types: a new list is a new group,
 * created first, after which EKS drains and deletes the old one.
 */
public final class NodeGroups {
    private NodeGroups() {}

    /** What every group name starts with; the first group, before names were derived, was this alone. */
    public static final String PREFIX = "initial";

    /** EKS accepts 0 to 20 instance types for a node group (EKS User Guide, launch-templates). */
    public static final int MAX_INSTANCE_TYPES = 20;

    /** {@code initial-<8 hex digits of the SHA-256 of the types, in order>}: the order is part of the group. */
    public static String name(List<String> instanceTypes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", instanceTypes).getBytes(StandardCharsets.UTF_8));
            return PREFIX + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Why the types cannot share one node group, if they cannot: one group has one AMI type, so x86_64 and arm64
     * (Graviton) types cannot be mixed.
     */
    public static Optional<String> problem(List<String> instanceTypes) {
        if (instanceTypes.size() > MAX_INSTANCE_TYPES) {
            return Optional.of(
                    "expected at most " + MAX_INSTANCE_TYPES + " instance types (EKS's limit per node group)");
        }
        var arm = instanceTypes.stream().filter(NodeImages::isArm64).findFirst();
        var x86 =
                instanceTypes.stream().filter(type -> !NodeImages.isArm64(type)).findFirst();
        if (arm.isPresent() && x86.isPresent()) {
            return Optional.of("mixes arm64 (" + arm.get() + ") and x86_64 (" + x86.get()
                    + ") instance types, but one node group runs one AMI: list types of one architecture");
        }
        return Optional.empty();
    }

    /** The AMI type of a list {@link #problem} accepts. */
    public static String amiType(List<String> instanceTypes) {
        return NodeImages.amiType(instanceTypes.get(0));
    }
}
