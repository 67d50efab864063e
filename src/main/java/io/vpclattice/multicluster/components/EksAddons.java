package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.GetAddonVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.eks.AddonVersions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The core add-ons of an EKS cluster component as EKS-managed add-ons, each at its pinned version or at the version
 * EKS recommends when first created; {@link AddonVersions} decides which go before the nodes and which after.
 */
final class EksAddons {
    private EksAddons() {}

    /**
     * @param pinned  versions by add-on name; an add-on not named keeps its first version
     * @param runsAfter empty for the add-ons nodes need, the node group for those that run on nodes
     */
    static Map<String, Addon> create(
            String name,
            List<String> addons,
            Cluster cluster,
            String kubernetesVersion,
            Map<String, String> pinned,
            List<Resource> runsAfter) {
        var created = new HashMap<String, Addon>();
        for (String addon : addons) {
            created.put(addon, addon(name, addon, cluster, kubernetesVersion, pinned.get(addon), runsAfter));
        }
        return created;
    }

    private static Addon addon(
            String name,
            String addon,
            Cluster cluster,
            String kubernetesVersion,
            String pinned,
            List<Resource> runsAfter) {
        // Unpinned: the version EKS recommends for this Kubernetes version today, kept from then on (ignoreChanges).
        Output<String> version = pinned != null
                ? Output.of(pinned)
                : EksFunctions.getAddonVersion(GetAddonVersionArgs.builder()
                                .addonName(addon)
                                .kubernetesVersion(kubernetesVersion)
                                .mostRecent(false)
                                .build())
                        .applyValue(result -> result.version());
        return new Addon(
                name + "-" + addon,
                AddonArgs.builder()
                        .clusterName(cluster.name())
                        .addonName(addon)
                        .addonVersion(version)
                        .resolveConflictsOnCreate("OVERWRITE")
                        .resolveConflictsOnUpdate("OVERWRITE")
                        .build(),
                CustomResourceOptions.builder()
                        .parent(cluster)
                        .dependsOn(runsAfter)
                        .ignoreChanges(pinned != null ? List.of() : List.of("addonVersion"))
                        .build());
    }
}
