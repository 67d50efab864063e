package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.AddonPodIdentityAssociationArgs;
import com.pulumi.aws.eks.inputs.GetAddonVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.eks.AddonChoice;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.eks.VpcCni;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core add-ons of an EKS cluster component as EKS-managed add-ons, each at the version {@link AddonChoice}
 * decided (pinned, kept, or EKS's default for the requested Kubernetes version) and tagged with the Kubernetes
 * version that choice was made for; {@link io.vpclattice.multicluster.eks.AddonPlan} decides whether they go
 * around the node group (a new cluster) or after it (an upgrade). The VPC CNI runs with its own IAM role.
 */
final class EksAddons {
    static final String POD_IDENTITY_AGENT = "eks-pod-identity-agent";

    private EksAddons() {}

    /**
     * @param addons    the add-ons to create, of {@link AddonVersions}
     * @param runsAfter what they wait for: nothing, or the node group
     * @param parent    the EKS cluster component, which the VPC CNI's role belongs to
     */
    static Map<String, Addon> create(
            String name,
            List<String> addons,
            Cluster cluster,
            EksClusterArgs args,
            List<Resource> runsAfter,
            Resource parent) {
        var created = new HashMap<String, Addon>();
        // The Pod Identity agent first: aws-node gets its credentials through it.
        var ordered = new ArrayList<String>();
        addons.stream().filter(POD_IDENTITY_AGENT::equals).forEach(ordered::add);
        addons.stream().filter(addon -> !addon.equals(POD_IDENTITY_AGENT)).forEach(ordered::add);
        for (String addon : ordered) {
            var choice = args.addons().plan().of(addon);
            var after = new ArrayList<Resource>(runsAfter);
            var settings = AddonArgs.builder();
            if (addon.equals(VpcCni.ADDON)) {
                var role = cniRole(name, args, parent);
                after.add(role);
                Optional.ofNullable(created.get(POD_IDENTITY_AGENT)).ifPresent(after::add);
                settings.configurationValues(VpcCni.CONFIGURATION)
                        .podIdentityAssociations(AddonPodIdentityAssociationArgs.builder()
                                .serviceAccount(VpcCni.SERVICE_ACCOUNT)
                                .roleArn(role.arn)
                                .build());
            }
            created.put(addon, addon(name, cluster, args, choice, settings, after));
        }
        return created;
    }

    private static Addon addon(
            String name,
            Cluster cluster,
            EksClusterArgs args,
            AddonChoice choice,
            AddonArgs.Builder settings,
            List<Resource> runsAfter) {
        // EKS's default for the Kubernetes version, unless pinned or kept (AddonChoice): no ignoreChanges, so the
        // version chosen reaches UpdateAddon, and a kept version equals what runs, so nothing drifts.
        Output<String> version = choice.version()
                .map(Output::of)
                .orElseGet(() -> EksFunctions.getAddonVersion(GetAddonVersionArgs.builder()
                                .addonName(choice.addon())
                                .kubernetesVersion(choice.chosenFor())
                                .mostRecent(false)
                                .build())
                        .applyValue(result -> result.version()));
        return new Addon(
                name + "-" + choice.addon(),
                settings.clusterName(cluster.name())
                        .addonName(choice.addon())
                        .addonVersion(version)
                        // This program owns the add-ons' configuration (configurationValues); edits made beside it
                        // are reset on each update, as EKS documents OVERWRITE.
                        .resolveConflictsOnCreate("OVERWRITE")
                        .resolveConflictsOnUpdate("OVERWRITE")
                        // A run interrupted after the control plane's upgrade finds this tag still on the old version
                        // and moves the add-on on the next run (AddonChoice); a tag change alone is no UpdateAddon.
                        .tags(args.tags().with(Map.of(AddonChoice.CHOSEN_FOR_TAG, choice.chosenFor())))
                        .build(),
                CustomResourceOptions.builder()
                        .parent(cluster)
                        .dependsOn(runsAfter)
                        .build());
    }

    /**
     * aws-node's own role, which the add-on's Pod Identity association gives it, instead of the CNI policy on the
     * node role that every pod reaching node credentials would share (EKS Best Practices, "Update the aws-node
     * daemonset to use IRSA"; EKS User Guide, cni-iam-role). The trust names this cluster, kube-system and aws-node.
     */
    private static IamRole cniRole(String name, EksClusterArgs args, Resource parent) {
        var controlPlane = args.controlPlane();
        var location = controlPlane.location();
        return new IamRole(
                name + "-vpc-cni",
                new IamRole.Args(
                        args.addons().cniRoleName(),
                        "Amazon VPC CNI (" + VpcCni.NAMESPACE + "/" + VpcCni.SERVICE_ACCOUNT + ") of "
                                + controlPlane.eksClusterName() + " (EKS Pod Identity)",
                        Output.of(Policies.podIdentityTrust(
                                location.account(),
                                List.of(VpcCni.NAMESPACE),
                                controlPlane.eksClusterName(),
                                VpcCni.SERVICE_ACCOUNT)),
                        Optional.empty(),
                        Map.of("cni", Policies.managedPolicy(location.partition(), VpcCni.POLICY)),
                        args.tags()),
                ComponentResourceOptions.builder().parent(parent).build());
    }
}
