package io.vpclattice.multicluster.eks;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which {@code kubernetesVersion} a run may ask of a cluster that runs already. EKS updates the control plane
 * "only one minor version at a time" and only while every managed node group runs the control plane's minor
 * version (Amazon EKS User Guide, "Update existing cluster to new Kubernetes version",
 * https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html, steps 1 and 2). It stops half-way
 * otherwise, with the control plane refused and nothing else changed; and a lower version is no upgrade at all:
 * since 2026 it is a rollback (UpdateClusterVersion to N-1 within 7 days of an in-place upgrade,
 * https://docs.aws.amazon.com/eks/latest/userguide/rollback-cluster.html), which must roll the nodes back first,
 * an order one {@code pulumi up} cannot give. So both are refused before any resource is registered.
 */
public final class KubernetesUpgrade {
    private KubernetesUpgrade() {}

    /**
     * Why {@code requested} cannot be applied to what runs, if it cannot: one line naming the current and the
     * requested version and the next allowed step.
     *
     * @param key        the configuration key, fully qualified
     * @param eksCluster the EKS cluster's name
     * @param running    what AWS runs now; empty for a cluster not created yet, which takes any version
     */
    public static Optional<String> refusal(
            String key, String requested, String eksCluster, Optional<RunningCluster> running) {
        if (running.isEmpty()) {
            return Optional.empty();
        }
        String current = running.get().version();
        int from = minor(current);
        int to = minor(requested);
        String prefix = key + "=\"" + requested + "\": " + eksCluster + " runs " + current + " (AWS); ";
        if (to < from) {
            return Optional.of(prefix
                    + "a lower version is not an upgrade (EKS rolls a control plane back only by hand, nodes first,"
                    + " within 7 days of its upgrade; see the README, \"Upgrade a cluster\"): keep \"" + current
                    + "\"");
        }
        if (to > from + 1) {
            String next = version(current, from + 1);
            return Optional.of(prefix + "EKS upgrades one minor version at a time: set \"" + next
                    + "\" and deploy, then the next");
        }
        if (to == from + 1) {
            var behind = new TreeMap<String, String>();
            for (Map.Entry<String, String> group :
                    running.get().nodeGroupVersions().entrySet()) {
                if (minor(group.getValue()) < from) {
                    behind.put(group.getKey(), group.getValue());
                }
            }
            if (!behind.isEmpty()) {
                var first = behind.firstEntry();
                return Optional.of(prefix + "its node group " + first.getKey() + " still runs " + first.getValue()
                        + " and EKS upgrades the control plane only when nodes match it: deploy with \"" + current
                        + "\" first (the nodes roll to it), then \"" + requested + "\"");
            }
        }
        return Optional.empty();
    }

    /** The minor version of {@code 1.<minor>}, as {@code kubernetesVersion} and EKS write it. */
    public static int minor(String version) {
        int dot = version.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not a Kubernetes version: " + version);
        }
        String minor = version.substring(dot + 1);
        int end = 0;
        while (end < minor.length() && Character.isDigit(minor.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("not a Kubernetes version: " + version);
        }
        return Integer.parseInt(minor.substring(0, end));
    }

    private static String version(String like, int minor) {
        return like.substring(0, like.indexOf('.') + 1) + minor;
    }
}
