package io.vpclattice.multicluster.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.vpclattice.AccessLogSubscription;
import com.pulumi.aws.vpclattice.AccessLogSubscriptionArgs;
import com.pulumi.aws.vpclattice.AuthPolicy;
import com.pulumi.aws.vpclattice.AuthPolicyArgs;
import com.pulumi.aws.vpclattice.ServiceNetworkArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;

import java.util.Map;

/**
 * The VPC Lattice service network every cluster's Gateway maps to, with IAM auth, its network-level auth policy,
 * and access logs of every request that crosses it (from any account's clients to any account's services).
 * Owned here, not by the in-cluster controllers, so that destroying a cluster can neither delete it nor weaken
 * its policy.
 */
public class ServiceNetwork extends ComponentResource {
    public static final String TYPE = "multicluster:lattice:ServiceNetwork";

    /**
     * @param authPolicy             the network-level auth policy JSON
     * @param accessLogRetentionDays how long CloudWatch keeps the access logs
     */
    public record Args(String networkName, String authPolicy, int accessLogRetentionDays, Tags tags) {}

    @Export(
            name = "serviceNetworkId",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> serviceNetworkId;

    @Export(
            name = "serviceNetworkArn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> serviceNetworkArn;

    @Export(
            name = "serviceNetworkName",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> serviceNetworkName;

    @Export(
            name = "accessLogGroup",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> accessLogGroup;

    public ServiceNetwork(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var network = new com.pulumi.aws.vpclattice.ServiceNetwork(
                name,
                ServiceNetworkArgs.builder()
                        .name(args.networkName())
                        .authType("AWS_IAM")
                        .tags(args.tags().named(args.networkName()))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        var underNetwork = CustomResourceOptions.builder().parent(network).build();
        new AuthPolicy(
                name + "-auth-policy",
                AuthPolicyArgs.builder()
                        .resourceIdentifier(network.arn())
                        .policy(args.authPolicy())
                        .build(),
                underNetwork);
        String logGroupName = Names.accessLogGroup(args.networkName());
        var logs = new LogGroup(
                name + "-access-logs",
                LogGroupArgs.builder()
                        .name(logGroupName)
                        .retentionInDays(args.accessLogRetentionDays())
                        .tags(args.tags().named(logGroupName))
                        .build(),
                underNetwork);
        new AccessLogSubscription(
                name + "-access-logs",
                AccessLogSubscriptionArgs.builder()
                        .resourceIdentifier(network.arn())
                        .destinationArn(logs.arn())
                        .tags(args.tags().named(args.networkName()))
                        .build(),
                underNetwork);
        this.serviceNetworkId = network.id();
        this.serviceNetworkArn = network.arn();
        this.serviceNetworkName = network.name();
        this.accessLogGroup = logs.name();
        registerOutputs(Map.of(
                "serviceNetworkId",
                serviceNetworkId,
                "serviceNetworkArn",
                serviceNetworkArn,
                "serviceNetworkName",
                serviceNetworkName,
                "accessLogGroup",
                accessLogGroup));
    }
}
