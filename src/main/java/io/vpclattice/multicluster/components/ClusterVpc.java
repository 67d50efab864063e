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
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.network.SubnetPlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's VPC laid out by {@link SubnetPlan}: public subnets behind an internet gateway, private subnets for
 * nodes behind one NAT gateway or one per zone, and the subnet tags load balancers look for.
 */
public class ClusterVpc extends ComponentResource {
    public static final String TYPE = "multicluster:network:ClusterVpc";
    public static final String ANYWHERE = "0.0.0.0/0";

    /** @param zoneNames availability zones from the region, at least as many as the plan's zones */
    public record Args(String vpcName, SubnetPlan plan, List<String> zoneNames, Tags tags) {}

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

        this.vpcId = vpc.id();
        this.privateSubnets = new PrivateSubnets(
                Output.all(privateSubnets.stream().map(Subnet::id).toList()), egress);
        registerOutputs(Map.of("vpcId", vpcId));
    }

    private static Map<String, String> zoneTags(Args args, String tier, int zone, String roleTag) {
        return args.tags().with(Map.of("Name", args.vpcName() + "-" + tier + "-" + zone, roleTag, "1"));
    }
}
