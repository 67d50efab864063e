package io.vpclattice.multicluster.components;

import com.pulumi.aws.vpclattice.AuthPolicy;
import com.pulumi.aws.vpclattice.AuthPolicyArgs;
import com.pulumi.aws.vpclattice.ServiceNetworkArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.naming.Tags;

import java.util.Map;

/**
 * The VPC Lattice service network every cluster's Gateway maps to, with IAM auth and its network-level auth
 * policy. Owned here, not by the in-cluster controllers, so that destroying a cluster can neither delete it nor
 * weaken its policy.
 */
public class ServiceNetwork extends ComponentResource {
    public static final String TYPE = "multicluster:lattice:ServiceNetwork";

    @Export(name = "serviceNetworkId", refs = {String.class}, tree = "[0]")
    public final Output<String> serviceNetworkId;
    @Export(name = "serviceNetworkArn", refs = {String.class}, tree = "[0]")
    public final Output<String> serviceNetworkArn;
    @Export(name = "serviceNetworkName", refs = {String.class}, tree = "[0]")
    public final Output<String> serviceNetworkName;

    /** @param authPolicy the network-level auth policy JSON */
    public record Args(String networkName, String authPolicy, Tags tags) {
    }

    public ServiceNetwork(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var network = new com.pulumi.aws.vpclattice.ServiceNetwork(name, ServiceNetworkArgs.builder()
                .name(args.networkName())
                .authType("AWS_IAM")
                .tags(args.tags().named(args.networkName()))
                .build(), CustomResourceOptions.builder().parent(this).build());
        new AuthPolicy(name + "-auth-policy", AuthPolicyArgs.builder()
                .resourceIdentifier(network.arn())
                .policy(args.authPolicy())
                .build(), CustomResourceOptions.builder().parent(network).build());
        this.serviceNetworkId = network.id();
        this.serviceNetworkArn = network.arn();
        this.serviceNetworkName = network.name();
        registerOutputs(Map.of("serviceNetworkId", serviceNetworkId, "serviceNetworkArn", serviceNetworkArn,
                "serviceNetworkName", serviceNetworkName));
    }
}
