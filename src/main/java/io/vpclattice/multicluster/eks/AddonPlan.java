package io.vpclattice.multicluster.eks;

import java.util.Map;
import java.util.Optional;

/**
 * The managed add-ons of one run: each one's version ({@link AddonChoice}) and where they go relative to the node
 * group.
 *
 * <p>Order. On a new cluster the DaemonSet add-ons (VPC CNI, kube-proxy, Pod Identity agent) come before the nodes,
 * which need them to become ready, and CoreDNS after them. Once nodes run, the order of an upgrade applies, as the
 * Amazon EKS User Guide gives it ("Update existing cluster to new Kubernetes version",
 * https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html, "Step 4: Update cluster components"): the
 * control plane, then the nodes to its version, then the VPC CNI, CoreDNS and kube-proxy add-ons. Every add-on then
 * waits for the node group. Dependencies are not diffed inputs, so moving them between runs replaces nothing.
 *
 * @param choices    by add-on name
 * @param afterNodes every add-on waits for the node group (nodes run already)
 */
public record AddonPlan(Map<String, AddonChoice> choices, boolean afterNodes) {

    public AddonPlan {
        choices = Map.copyOf(choices);
    }

    /**
     * @param pins      {@code addonVersions}, by add-on
     * @param requested {@code kubernetesVersion}
     * @param running   what AWS runs now; empty for a cluster not created yet
     */
    public static AddonPlan decide(Map<String, String> pins, String requested, Optional<RunningCluster> running) {
        return new AddonPlan(
                AddonChoice.chooseAll(AddonVersions.all(), pins, requested, running),
                running.map(RunningCluster::hasNodes).orElse(false));
    }

    public AddonChoice of(String addon) {
        AddonChoice choice = choices.get(addon);
        if (choice == null) {
            throw new IllegalArgumentException("no choice for add-on " + addon);
        }
        return choice;
    }
}
