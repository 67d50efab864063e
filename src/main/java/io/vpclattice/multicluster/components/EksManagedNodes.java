package io.vpclattice.multicluster.components;

import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
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
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.eks.NodeImages;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managed node group of an EKS cluster component: the node role, an IMDSv2-only launch template, and the group
 * with the AMI of its instance type's architecture, in the cluster's private subnets.
 */
final class EksManagedNodes {
    static final String NODE_GROUP = "initial";

    private EksManagedNodes() {}

    /** @param runsAfter the add-ons nodes need to become ready */
    static NodeGroup create(
            String name, EksClusterArgs args, Cluster cluster, List<Resource> runsAfter, Resource parent) {
        var spec = args.nodes();
        var subnets = args.subnets();
        var tags = args.tags();
        String clusterName = args.controlPlane().eksClusterName();
        String partition = args.controlPlane().location().partition();
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
                                "cni",
                                Policies.managedPolicy(partition, "AmazonEKS_CNI_Policy"),
                                "ecr-read",
                                Policies.managedPolicy(partition, "AmazonEC2ContainerRegistryReadOnly")),
                        tags),
                ComponentResourceOptions.builder().parent(parent).build());
        var launchTemplate = new LaunchTemplate(
                name + "-nodes",
                LaunchTemplateArgs.builder()
                        .description("Nodes of " + clusterName + ": IMDSv2 only")
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
                        .updateDefaultVersion(true)
                        .tags(tags.named(clusterName + "-nodes"))
                        .build(),
                CustomResourceOptions.builder().parent(parent).build());
        var dependencies = new ArrayList<Resource>(subnets.egress());
        dependencies.add(nodeRole);
        dependencies.addAll(runsAfter);
        return new NodeGroup(
                name + "-" + NODE_GROUP,
                NodeGroupArgs.builder()
                        .clusterName(cluster.name())
                        .nodeGroupName(NODE_GROUP)
                        .nodeRoleArn(nodeRole.arn)
                        .subnetIds(subnets.ids())
                        .instanceTypes(spec.instanceType())
                        .amiType(NodeImages.amiType(spec.instanceType()))
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
                        .tags(tags.named(clusterName + "-" + NODE_GROUP))
                        .build(),
                CustomResourceOptions.builder()
                        .parent(cluster)
                        .dependsOn(dependencies)
                        // An autoscaler owns the node count after creation.
                        .ignoreChanges(List.of("scalingConfig.desiredSize"))
                        .build());
    }
}
