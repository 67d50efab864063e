package io.vpclattice.multicluster.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.policies.Policies;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every VPC of the project carries besides its own purpose, so that Security Hub's foundational controls pass
 * on it: its default security group owned and emptied (EC2.2, "The VPC default security group should not allow
 * inbound and outbound traffic"), and flow logs of rejected traffic into a log group the stack owns (EC2.6, "VPC
 * flow logging should be enabled in all VPCs", which checks for the REJECT traffic type). Nothing of the project
 * uses a default security group: EKS nodes and the control plane use the cluster security group, the Lattice
 * association and the interface endpoints their own.
 */
public final class VpcBaseline {
    private VpcBaseline() {}

    /** What Security Hub's EC2.6 asks for, and the least that shows a blocked connection. */
    static final String TRAFFIC_TYPE = "REJECT";

    /**
     * @param vpcName              names the VPC's log group and tags; unique in the account and region
     *                             ({@code eks-<cluster>}, {@code <environmentName>-zone-placeholder})
     * @param flowLogRoleName      the IAM role VPC Flow Logs delivers with
     * @param flowLogRetentionDays how long CloudWatch keeps the flow logs ({@code flowLogRetentionDays})
     * @param location             the account and region of the VPC, which the role's trust names
     */
    public record Args(String vpcName, String flowLogRoleName, int flowLogRetentionDays, AccountRegion location) {}

    /** Where a VPC's flow logs go; created by the stack so that destroying it removes them. */
    public static String logGroupName(String vpcName) {
        return "/aws/vpc-flow-logs/" + vpcName;
    }

    /** Adopts the VPC's default security group without rules, and turns on its flow logs. */
    static void apply(String name, Vpc vpc, Args args, Tags tags, Resource parent) {
        var underVpc = CustomResourceOptions.builder().parent(vpc).build();
        // Creating this resource adopts the group AWS made with the VPC and revokes every rule it has, keeping only
        // those configured: none. Deleting it only forgets the group (terraform-provider-aws
        // internal/service/ec2/vpc_default_security_group.go). Explicit empty lists, so a rule added by hand shows as
        // drift.
        new DefaultSecurityGroup(
                name + "-default-sg",
                DefaultSecurityGroupArgs.builder()
                        .vpcId(vpc.id())
                        .ingress(List.of())
                        .egress(List.of())
                        .tags(tags.named(args.vpcName() + "-default-unused"))
                        .build(),
                underVpc);

        String logGroupName = logGroupName(args.vpcName());
        var logGroup = new LogGroup(
                name + "-flow-logs",
                LogGroupArgs.builder()
                        .name(logGroupName)
                        .retentionInDays(args.flowLogRetentionDays())
                        .tags(tags.named(logGroupName))
                        .build(),
                underVpc);
        var location = args.location();
        var role = new IamRole(
                name + "-flow-logs",
                new IamRole.Args(
                        args.flowLogRoleName(),
                        "Delivers the flow logs of " + args.vpcName() + " to " + logGroupName,
                        Output.of(Policies.flowLogsTrust(location.partition(), location.region(), location.account())),
                        Optional.of(logGroup.arn()
                                .applyValue(arn -> Policies.flowLogDelivery(
                                        location.partition(), location.region(), location.account(), arn))),
                        Map.of(),
                        tags),
                ComponentResourceOptions.builder().parent(parent).build());
        new FlowLog(
                name + "-flow-logs",
                FlowLogArgs.builder()
                        .vpcId(vpc.id())
                        .trafficType(TRAFFIC_TYPE)
                        .logDestinationType("cloud-watch-logs")
                        .logDestination(logGroup.arn())
                        // The ARN waits for the role's policy (IamRole), so the first delivery is allowed.
                        .iamRoleArn(role.arn)
                        .tags(tags.named(args.vpcName()))
                        .build(),
                underVpc);
    }
}
