package io.vpclattice.multicluster.components;

import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.eks.NodeGroups;
import io.vpclattice.multicluster.policies.Policies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managed node group of an EKS cluster component: the node role, an IMDSv2-only launch template with an
 * encrypted root volume, and the group with the AMI of its instance types' architecture, in the cluster's private
 * subnets, at the control plane's Kubernetes version.
 */
final class EksManagedNodes {
    /** The node group's Pulumi name; its EKS name is {@link NodeGroups#name} of its instance types. */
    static final String NODE_GROUP = "initial";

    /**
     * Root device of the AL2023 EKS-optimized AMIs, with their 20 GiB (awslabs/amazon-eks-ami
     * templates/al2023/template.json, {@code ami_block_device_mappings}). A launch template's mapping is the only
     * place the volume's size and encryption can be set once a node group uses a launch template (EKS User Guide,
     * launch-templates: "Disk size ... Specified in launch template").
     */
    static final String ROOT_DEVICE = "/dev/xvda";

    static final int ROOT_VOLUME_GIB = 20;

    /**
     * How long a version or launch-template roll may take. The provider's default is 60 minutes
     * (terraform-provider-aws node_group.go Timeouts); EKS replaces one node at a time here (updateConfig) and gives
     * each drain up to 15 minutes (EKS User Guide, managed-node-update-behavior), so ten nodes can take longer.
     */
    static final Duration ROLL_TIMEOUT = Duration.ofHours(3);

    private EksManagedNodes() {}

    /** @param runsAfter the add-ons nodes need to become ready (none once nodes run: they upgrade after them) */
    static NodeGroup create(
            String name, EksClusterArgs args, Cluster cluster, List<Resource> runsAfter, Resource parent) {
        var spec = args.nodes();
        var subnets = args.subnets();
        var tags = args.tags();
        String clusterName = args.controlPlane().eksClusterName();
        String partition = args.controlPlane().location().partition();
        // What nodes need and no more (EKS User Guide, create-node-role): joining the cluster and pulling images.
        // The VPC CNI's permissions are on aws-node's own role (EksAddons), not here.
        var nodeRole = new IamRole(
                name + "-node",
                new IamRole.Args(
                        spec.roleName(),
                        "Nodes of " + clusterName,
                        Output.of(Policies.serviceTrust("ec2.amazonaws.com")),
                        Optional.empty(),
                        Map.of(
                                "worker",
                                Policies.managedPolicy(partition, "AmazonEKSWorkerNodePolicy"),
                                "ecr-pull",
                                Policies.managedPolicy(partition, "AmazonEC2ContainerRegistryPullOnly")),
                        tags),
                ComponentResourceOptions.builder().parent(parent).build());
        var launchTemplate = new LaunchTemplate(
                name + "-nodes",
                LaunchTemplateArgs.builder()
                        .description("Nodes of " + clusterName + ": IMDSv2 only, encrypted root volume")
                        // No security groups here: EKS then gives nodes the cluster security group, which the control
                        // plane (webhooks on 9443) and the Lattice ingress rule of EnvironmentAttachment already cover.
                        .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                                .httpEndpoint("enabled")
                                .httpTokens("required")
                                // One hop: only the node (and host-network pods) reach instance metadata. Every AWS
                                // caller
                                // here uses Pod Identity; a pod without an association must not get the node role.
                                .httpPutResponseHopLimit(1)
                                .build())
                        // Encrypted whatever the account's EBS default (Security Hub EC2.3, EC2.181), with the
                        // aws/ebs key: a customer key would need a grant for the Auto Scaling service-linked role.
                        .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                                .deviceName(ROOT_DEVICE)
                                .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                        .volumeSize(ROOT_VOLUME_GIB)
                                        .volumeType("gp3")
                                        .encrypted("true")
                                        .deleteOnTermination("true")
                                        .build())
                                .build())
                        .updateDefaultVersion(true)
                        .tags(tags.named(clusterName + "-nodes"))
                        .build(),
                CustomResourceOptions.builder().parent(parent).build());
        var dependencies = new ArrayList<Resource>(subnets.egress());
        dependencies.add(nodeRole);
        dependencies.addAll(runsAfter);
        String groupName = NodeGroups.name(spec.instanceTypes());
        return new NodeGroup(
                name + "-" + NODE_GROUP,
                NodeGroupArgs.builder()
                        .clusterName(cluster.name())
                        .nodeGroupName(groupName)
                        // The control plane's version, as it runs once its update is done: a group without a version
                        // stays on its first one ("If no version is specified, then the Kubernetes version of the
                        // node group does not change", EKS API UpdateNodegroupVersion), and the provider only
                        // diffs a version that is set. Changing it rolls the nodes in place, maxUnavailable at a
                        // time; it never replaces the group.
                        .version(cluster.version())
                        .nodeRoleArn(nodeRole.arn)
                        .subnetIds(subnets.ids())
                        .instanceTypes(spec.instanceTypes())
                        .amiType(NodeGroups.amiType(spec.instanceTypes()))
                        .scalingConfig(NodeGroupScalingConfigArgs.builder()
                                .minSize(spec.minSize())
                                .desiredSize(spec.desiredSize())
                                .maxSize(spec.maxSize())
                                .build())
                        .updateConfig(NodeGroupUpdateConfigArgs.builder()
                                .maxUnavailable(1)
                                .build())
                        .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                                .id(launchTemplate.id())
                                .version(launchTemplate.latestVersion().applyValue(String::valueOf))
                                .build())
                        .tags(tags.named(clusterName + "-" + groupName))
                        .build(),
                CustomResourceOptions.builder()
                        .parent(cluster)
                        .dependsOn(dependencies)
                        // An autoscaler owns the node count after creation.
                        .ignoreChanges(List.of("scalingConfig.desiredSize"))
                        .customTimeouts(CustomTimeouts.builder()
                                .create(ROLL_TIMEOUT)
                                .update(ROLL_TIMEOUT)
                                .delete(ROLL_TIMEOUT)
                                .build())
                        .build());
    }
}
