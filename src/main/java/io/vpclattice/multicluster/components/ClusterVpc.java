package io.vpclattice.multicluster.components;

import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.eks.NodeEndpoints;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.network.SubnetPlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster's VPC laid out by {@link SubnetPlan}: public subnets behind an internet gateway, private subnets for
 * nodes behind one NAT gateway or one per zone, and the subnet tags load balancers look for; with an empty default
 * security group and flow logs ({@link VpcBaseline}), and optionally the VPC endpoints nodes use.
 */
public class ClusterVpc extends ComponentResource {
    public static final String TYPE = "multicluster:network:ClusterVpc";
    public static final String ANYWHERE = "0.0.0.0/0";

    /**
     * @param zoneNames          availability zones from the region, at least as many as the plan's zones
     * @param baseline           the default security group and flow logs of the VPC ({@link VpcBaseline})
     * @param interfaceEndpoints whether to create the VPC endpoints nodes use ({@link NodeEndpoints})
     */
    public record Args(
            String vpcName,
            SubnetPlan plan,
            List<String> zoneNames,
            VpcBaseline.Args baseline,
            boolean interfaceEndpoints,
            Tags tags) {}

    /**
     * Where nodes go.
     *
     * @param egress routes and associations that give the subnets egress; nodes cannot join a cluster before them
     */
    public record PrivateSubnets(Output<List<String>> ids, List<Resource> egress) {
        public PrivateSubnets {
            egress = List.copyOf(egress);
        }
    }

    @Export(
            name = "vpcId",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> vpcId;

    public final PrivateSubnets privateSubnets;

    public ClusterVpc(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var plan = args.plan();
        var vpc = new Vpc(
                name,
                VpcArgs.builder()
                        .cidrBlock(plan.vpc().toString())
                        // Needed for the private hosted zone association and for EKS private endpoint resolution.
                        .enableDnsSupport(true)
                        .enableDnsHostnames(true)
                        .tags(args.tags().named(args.vpcName()))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        var underVpc = CustomResourceOptions.builder().parent(vpc).build();
        var internetGateway = new InternetGateway(
                name + "-igw",
                InternetGatewayArgs.builder()
                        .vpcId(vpc.id())
                        .tags(args.tags().named(args.vpcName()))
                        .build(),
                underVpc);

        var publicRoutes = new RouteTable(
                name + "-public",
                RouteTableArgs.builder()
                        .vpcId(vpc.id())
                        .tags(args.tags().named(args.vpcName() + "-public"))
                        .build(),
                underVpc);
        new Route(
                name + "-public-default",
                RouteArgs.builder()
                        .routeTableId(publicRoutes.id())
                        .destinationCidrBlock(ANYWHERE)
                        .gatewayId(internetGateway.id())
                        .build(),
                CustomResourceOptions.builder().parent(publicRoutes).build());

        var publicSubnets = new ArrayList<Subnet>();
        var privateSubnets = new ArrayList<Subnet>();
        for (var zone : plan.zones()) {
            int i = zone.zoneIndex();
            String zoneName = args.zoneNames().get(i);
            var publicSubnet = new Subnet(
                    name + "-public-" + i,
                    SubnetArgs.builder()
                            .vpcId(vpc.id())
                            .cidrBlock(zone.publicSubnet().toString())
                            .availabilityZone(zoneName)
                            .tags(zoneTags(args, "public", i, "kubernetes.io/role/elb"))
                            .build(),
                    underVpc);
            new RouteTableAssociation(
                    name + "-public-" + i,
                    RouteTableAssociationArgs.builder()
                            .subnetId(publicSubnet.id())
                            .routeTableId(publicRoutes.id())
                            .build(),
                    CustomResourceOptions.builder().parent(publicSubnet).build());
            publicSubnets.add(publicSubnet);
            privateSubnets.add(new Subnet(
                    name + "-private-" + i,
                    SubnetArgs.builder()
                            .vpcId(vpc.id())
                            .cidrBlock(zone.privateSubnet().toString())
                            .availabilityZone(zoneName)
                            .tags(zoneTags(args, "private", i, "kubernetes.io/role/internal-elb"))
                            .build(),
                    underVpc));
        }

        var egress = new ArrayList<Resource>();
        var privateRouteTables = new HashMap<Integer, RouteTable>();
        for (int natZone : plan.natGatewayZones()) {
            var address = new Eip(
                    name + "-nat-" + natZone,
                    EipArgs.builder()
                            .domain("vpc")
                            .tags(args.tags().named(args.vpcName() + "-nat-" + natZone))
                            .build(),
                    underVpc);
            var nat = new NatGateway(
                    name + "-nat-" + natZone,
                    NatGatewayArgs.builder()
                            .allocationId(address.allocationId())
                            .subnetId(publicSubnets.get(natZone).id())
                            .tags(args.tags().named(args.vpcName() + "-nat-" + natZone))
                            .build(),
                    CustomResourceOptions.builder()
                            .parent(publicSubnets.get(natZone))
                            // A NAT gateway is usable only once the internet gateway is attached.
                            .dependsOn(internetGateway)
                            .build());
            var routes = new RouteTable(
                    name + "-private-" + natZone,
                    RouteTableArgs.builder()
                            .vpcId(vpc.id())
                            .tags(args.tags().named(args.vpcName() + "-private-" + natZone))
                            .build(),
                    underVpc);
            egress.add(new Route(
                    name + "-private-" + natZone + "-default",
                    RouteArgs.builder()
                            .routeTableId(routes.id())
                            .destinationCidrBlock(ANYWHERE)
                            .natGatewayId(nat.id())
                            .build(),
                    CustomResourceOptions.builder().parent(routes).build()));
            privateRouteTables.put(natZone, routes);
        }
        for (var zone : plan.zones()) {
            var subnet = privateSubnets.get(zone.zoneIndex());
            egress.add(new RouteTableAssociation(
                    name + "-private-" + zone.zoneIndex(),
                    RouteTableAssociationArgs.builder()
                            .subnetId(subnet.id())
                            .routeTableId(privateRouteTables
                                    .get(zone.natGatewayZone())
                                    .id())
                            .build(),
                    CustomResourceOptions.builder().parent(subnet).build()));
        }

        VpcBaseline.apply(name, vpc, args.baseline(), args.tags(), this);
        if (args.interfaceEndpoints()) {
            endpoints(name, args, vpc, privateSubnets, List.copyOf(new TreeMap<>(privateRouteTables).values()));
        }

        this.vpcId = vpc.id();
        this.privateSubnets = new PrivateSubnets(
                Output.all(privateSubnets.stream().map(Subnet::id).toList()), egress);
        registerOutputs(Map.of("vpcId", vpcId));
    }

    /**
     * The VPC endpoints of {@link NodeEndpoints}: interface endpoints with private DNS in the private subnets, behind
     * a security group of their own that admits HTTPS from the VPC (the default group is empty, VpcBaseline), and
     * the S3 gateway endpoint on the private route tables.
     */
    private static void endpoints(
            String name, Args args, Vpc vpc, List<Subnet> privateSubnets, List<RouteTable> privateRouteTables) {
        var underVpc = CustomResourceOptions.builder().parent(vpc).build();
        String groupName = args.vpcName() + "-endpoints";
        var group = new SecurityGroup(
                name + "-endpoints",
                SecurityGroupArgs.builder()
                        .name(groupName)
                        .description("AWS API interface endpoints of " + args.vpcName())
                        .vpcId(vpc.id())
                        .tags(args.tags().named(groupName))
                        .build(),
                underVpc);
        new SecurityGroupIngressRule(
                name + "-endpoints-https",
                SecurityGroupIngressRuleArgs.builder()
                        .securityGroupId(group.id())
                        .cidrIpv4(args.plan().vpc().toString())
                        .ipProtocol("tcp")
                        .fromPort(443)
                        .toPort(443)
                        .description("HTTPS from the VPC to the AWS API endpoints")
                        .tags(args.tags().named(groupName + "-https"))
                        .build(),
                CustomResourceOptions.builder().parent(group).build());
        String region = args.baseline().location().region();
        for (var endpoint : NodeEndpoints.ALL) {
            var settings = VpcEndpointArgs.builder()
                    .vpcId(vpc.id())
                    .serviceName(endpoint.serviceName(region))
                    .tags(args.tags().named(args.vpcName() + "-" + endpoint.service()));
            if (endpoint.gateway()) {
                settings.vpcEndpointType("Gateway")
                        .routeTableIds(Output.all(
                                privateRouteTables.stream().map(RouteTable::id).toList()));
            } else {
                var subnets = endpoint.everyZone() ? privateSubnets : privateSubnets.subList(0, 1);
                settings.vpcEndpointType("Interface")
                        .privateDnsEnabled(true)
                        .subnetIds(Output.all(subnets.stream().map(Subnet::id).toList()))
                        .securityGroupIds(Output.all(group.id()));
            }
            new VpcEndpoint(name + "-endpoint-" + endpoint.service(), settings.build(), underVpc);
        }
    }

    private static Map<String, String> zoneTags(Args args, String tier, int zone, String roleTag) {
        return args.tags().with(Map.of("Name", args.vpcName() + "-" + tier + "-" + zone, roleTag, "1"));
    }
}
