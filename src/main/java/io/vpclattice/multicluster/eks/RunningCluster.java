package io.vpclattice.multicluster.eks;

import java.util.Map;
import java.util.Optional;

/**
 * What AWS runs now for one EKS cluster, as a cluster stack reads it before its first resource (the deployment
 * asks AWS; the offline plan reads it from an {@code --aws-facts} file). An absent {@code RunningCluster} is a
 * cluster not created yet.
 *
 * @param version           the control plane's Kubernetes version, e.g. {@code 1.34}
 * @param nodeGroupVersions the Kubernetes version of each managed node group, by name (empty: no nodes yet)
 * @param addons            the managed add-ons installed, by add-on name; an add-on not named is not installed
 */
public record RunningCluster(
        String version, Map<String, String> nodeGroupVersions, Map<String, InstalledAddon> addons) {

    public RunningCluster {
        nodeGroupVersions = Map.copyOf(nodeGroupVersions);
        addons = Map.copyOf(addons);
    }

    /**
     * One installed add-on.
     *
     * @param chosenFor the Kubernetes version its version was chosen for, from the add-on's
     *                  {@link AddonChoice#CHOSEN_FOR_TAG} tag; empty for an add-on made before the tag existed
     */
    public record InstalledAddon(String version, Optional<String> chosenFor) {}

    /** Nodes run: the core DaemonSets were needed once, to bring them up; now the upgrade order applies. */
    public boolean hasNodes() {
        return !nodeGroupVersions.isEmpty();
    }
}
