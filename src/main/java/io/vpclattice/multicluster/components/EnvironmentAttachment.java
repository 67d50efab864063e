package io.vpclattice.multicluster.components;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.route53.ZoneAssociation;
import com.pulumi.aws.route53.ZoneAssociationArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.aws.vpclattice.ServiceNetworkVpcAssociation;
import com.pulumi.aws.vpclattice.ServiceNetworkVpcAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What connects a cluster VPC to the shared environment: the private zone answers in it, and it is associated
 * with the service network. This stack owns the association (the controller has no {@code defaultServiceNetwork}),
 * so destroying the cluster removes exactly its own association.
 */
public class EnvironmentAttachment extends ComponentResource {
    public static final String TYPE = "multicluster:lattice:EnvironmentAttachment";
    /**
     * @param listenerPorts ports of the Lattice listeners, which the association's security group admits from the VPC
     * @param tags          tags of a resource given its Name
     */
    public record Args(String vpcName, Output<String> vpcId, String vpcCidr, List<Integer> listenerPorts,
                       String privateZoneId, String serviceNetworkId,
                       Function<String, Map<String, String>> tags) {
    }

    @Export(name = "serviceNetworkAssociationId", refs = {String.class}, tree = "[0]")
    public final Output<String> serviceNetworkAssociationId;

    public EnvironmentAttachment(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        new ZoneAssociation(name + "-zone", ZoneAssociationArgs.builder()
                .zoneId(args.privateZoneId())
                .vpcId(args.vpcId())
                .build(), child);

        String groupName = args.vpcName() + "-lattice-association";
        var securityGroup = new SecurityGroup(name + "-lattice", SecurityGroupArgs.builder()
                .name(groupName)
                .description("Traffic from " + args.vpcName() + " into the VPC Lattice service network")
                .vpcId(args.vpcId())
                .tags(args.tags().apply(groupName))
                .build(), child);
        for (int port : args.listenerPorts()) {
            new SecurityGroupIngressRule(name + "-lattice-" + port, SecurityGroupIngressRuleArgs.builder()
                    .securityGroupId(securityGroup.id())
                    .cidrIpv4(args.vpcCidr())
                    .ipProtocol("tcp")
                    .fromPort(port)
                    .toPort(port)
                    .description((port == 443 ? "HTTPS" : "HTTP") + " from the VPC to Lattice services")
                    .tags(args.tags().apply(groupName + "-" + port))
                    .build(), CustomResourceOptions.builder().parent(securityGroup).build());
        }
        var association = new ServiceNetworkVpcAssociation(name + "-service-network", ServiceNetworkVpcAssociationArgs.builder()
                .serviceNetworkIdentifier(args.serviceNetworkId())
                .vpcIdentifier(args.vpcId())
                .securityGroupIds(Output.all(securityGroup.id()))
                .tags(args.tags().apply(args.vpcName()))
                .build(), child);
        this.serviceNetworkAssociationId = association.id();
        registerOutputs(Map.of("serviceNetworkAssociationId", serviceNetworkAssociationId));
    }
}
