package io.vpclattice.multicluster.components;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.route53.ProfilesAssociation;
import com.pulumi.aws.route53.ProfilesAssociationArgs;
import com.pulumi.aws.route53.ZoneAssociation;
import com.pulumi.aws.route53.ZoneAssociationArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.aws.vpclattice.ServiceNetworkVpcAssociation;
import com.pulumi.aws.vpclattice.ServiceNetworkVpcAssociationArgs;
import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What connects a cluster VPC to the shared environment, both ways: the private zone answers in it, it is
 * associated with the service network, and VPC Lattice may reach its pods. This stack owns the association (the
 * controller has no {@code defaultServiceNetwork}), so destroying the cluster removes exactly its own association.
 */
public class EnvironmentAttachment extends ComponentResource {
    public static final String TYPE = "multicluster:lattice:EnvironmentAttachment";
    /** The ingress rule's name when the EKS component owned it, kept as an alias so that it moved without churn. */
    static final String FORMER_INGRESS_RULE = "eks-lattice-ingress";

    public record Args(
            String vpcName,
            Output<String> vpcId,
            String vpcCidr,
            Environment environment,
            LatticeTraffic lattice,
            Tags tags) {}

    /**
     * The environment's shared zone and service network.
     *
     * @param serviceNetwork the network's id, or its ARN when it belongs to another account (then AWS needs the ARN)
     * @param dnsProfileId   the environment's Route 53 Profile, through which a VPC of another account reaches
     *                       the zone; empty: the VPC is associated with the zone directly
     */
    public record Environment(String serviceNetwork, String privateZoneId, Optional<String> dnsProfileId) {}

    /**
     * Traffic between the VPC and Lattice.
     *
     * @param listenerPorts      ports of the Lattice listeners, which the association's security group admits
     *                           from the VPC
     * @param prefixListId       the region's {@code com.amazonaws.<region>.vpc-lattice} managed prefix list, where
     *                           Lattice health checks and requests to pods come from
     * @param podSecurityGroupId the security group of the cluster's pods (the EKS cluster security group)
     * @param formerParentUrn    the EKS cluster resource that held the ingress rule before it moved here
     */
    public record LatticeTraffic(
            List<Integer> listenerPorts,
            String prefixListId,
            Output<String> podSecurityGroupId,
            Output<String> formerParentUrn) {
        public LatticeTraffic {
            listenerPorts = List.copyOf(listenerPorts);
        }
    }

    public EnvironmentAttachment(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var lattice = args.lattice();
        var environment = args.environment();
        if (environment.dnsProfileId().isPresent()) {
            new ProfilesAssociation(
                    name + "-dns-profile",
                    ProfilesAssociationArgs.builder()
                            .name(args.vpcName())
                            .profileId(environment.dnsProfileId().get())
                            .resourceId(args.vpcId())
                            .tags(args.tags().named(args.vpcName()))
                            .build(),
                    child);
        } else {
            new ZoneAssociation(
                    name + "-zone",
                    ZoneAssociationArgs.builder()
                            .zoneId(environment.privateZoneId())
                            .vpcId(args.vpcId())
                            .build(),
                    child);
        }

        String groupName = Names.latticeSecurityGroup(args.vpcName());
        var securityGroup = new SecurityGroup(
                name + "-lattice",
                SecurityGroupArgs.builder()
                        .name(groupName)
                        .description("Traffic from " + args.vpcName() + " into the VPC Lattice service network")
                        .vpcId(args.vpcId())
                        .tags(args.tags().named(groupName))
                        .build(),
                child);
        for (int port : lattice.listenerPorts()) {
            new SecurityGroupIngressRule(
                    name + "-lattice-" + port,
                    SecurityGroupIngressRuleArgs.builder()
                            .securityGroupId(securityGroup.id())
                            .cidrIpv4(args.vpcCidr())
                            .ipProtocol("tcp")
                            .fromPort(port)
                            .toPort(port)
                            .description((port == 443 ? "HTTPS" : "HTTP") + " from the VPC to Lattice services")
                            .tags(args.tags().named(groupName + "-" + port))
                            .build(),
                    CustomResourceOptions.builder().parent(securityGroup).build());
        }
        new ServiceNetworkVpcAssociation(
                name + "-service-network",
                ServiceNetworkVpcAssociationArgs.builder()
                        .serviceNetworkIdentifier(environment.serviceNetwork())
                        .vpcIdentifier(args.vpcId())
                        .securityGroupIds(Output.all(securityGroup.id()))
                        .tags(args.tags().named(args.vpcName()))
                        .build(),
                child);

        new SecurityGroupIngressRule(
                name + "-lattice-ingress",
                SecurityGroupIngressRuleArgs.builder()
                        .securityGroupId(lattice.podSecurityGroupId())
                        .prefixListId(lattice.prefixListId())
                        .ipProtocol("-1")
                        .description("VPC Lattice health checks and requests to pods")
                        .tags(args.tags().named(args.vpcName() + "-lattice-ingress"))
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        // A new URN alone would create a duplicate of the existing rule before deleting it, which EC2
                        // refuses.
                        // parentUrn before name: the SDK's builder (1.36.1) refuses parentUrn once a name is set.
                        .aliases(Alias.builder()
                                .parentUrn(lattice.formerParentUrn())
                                .name(FORMER_INGRESS_RULE)
                                .build())
                        .build());
        registerOutputs(Map.of());
    }
}
