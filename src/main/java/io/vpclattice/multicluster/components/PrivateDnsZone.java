package io.vpclattice.multicluster.components;

import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.route53.Zone;
import com.pulumi.aws.route53.ZoneArgs;
import com.pulumi.aws.route53.inputs.ZoneVpcArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.naming.Tags;

import java.util.List;
import java.util.Map;

/**
 * The private Route 53 zone of the domain. AWS creates a private zone only together with a VPC, so a small
 * placeholder VPC holds it; cluster stacks associate their own VPCs later, which the zone ignores. The placeholder
 * carries the baseline of every VPC ({@link VpcBaseline}).
 */
public class PrivateDnsZone extends ComponentResource {
    public static final String TYPE = "multicluster:dns:PrivateZone";
    /** Smallest VPC AWS allows; it never holds anything. */
    public static final String PLACEHOLDER_CIDR = "10.255.255.240/28";

    @Export(
            name = "zoneId",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> zoneId;

    @Export(
            name = "zoneArn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> zoneArn;

    /** @param baseline the placeholder's default security group and flow logs: Security Hub checks every VPC */
    public record Args(String domain, VpcBaseline.Args baseline, Tags tags) {}

    public PrivateDnsZone(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        String domain = args.domain();
        var tags = args.tags();
        var placeholder = new Vpc(
                name + "-placeholder",
                VpcArgs.builder()
                        .cidrBlock(PLACEHOLDER_CIDR)
                        // Private zones answer only in VPCs with DNS support and hostnames on.
                        .enableDnsSupport(true)
                        .enableDnsHostnames(true)
                        .tags(tags.named(name + "-zone-placeholder"))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        var zone = new Zone(
                name,
                ZoneArgs.builder()
                        .name(domain)
                        .comment(
                                "Private zone of the VPC Lattice services; records are written by ExternalDNS in each cluster")
                        .vpcs(ZoneVpcArgs.builder().vpcId(placeholder.id()).build())
                        // ExternalDNS owns the records; they must not block deleting the zone.
                        .forceDestroy(true)
                        .tags(tags.named(domain))
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        // Cluster stacks add ZoneAssociations; without this the next update would remove them.
                        .ignoreChanges(List.of("vpcs"))
                        .build());
        // The placeholder holds no network interface, so its flow logs stay empty; they and its empty default
        // security group keep EC2.6 and EC2.2 passing on it like on every VPC. Interface endpoints (EC2.10, EC2.55 to
        // EC2.60) it does not get: they need subnets, which it has none of, and would bill for nothing.
        VpcBaseline.apply(name + "-placeholder", placeholder, args.baseline(), tags, this);
        this.zoneId = zone.zoneId();
        this.zoneArn = zone.arn();
        registerOutputs(Map.of("zoneId", zoneId, "zoneArn", zoneArn));
    }
}
