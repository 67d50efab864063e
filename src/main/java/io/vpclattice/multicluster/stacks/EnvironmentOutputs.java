package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;

import java.util.List;
import java.util.Map;

/**
 * What the environment stack exports and every cluster stack reads: each component is one stack output of that
 * name and type ({@link StackOutputs}). The README's table of environment outputs lists the same names (a test
 * holds them together).
 *
 * @param region                  the environment's region; every cluster stack must use it
 * @param domain                  the private domain
 * @param privateZoneId           the Route 53 zone each cluster associates its VPC with
 * @param privateZoneArn          the zone's ARN, the only zone ExternalDNS may change
 * @param certificateArn          ACM private certificate for the domain and its wildcard
 * @param certificateAuthorityArn the Private CA, whose certificate the SigV4 sidecar trusts
 * @param serviceNetworkId        the service network each cluster VPC is associated with
 * @param serviceNetworkArn       its ARN: clusters of other accounts name it by ARN
 * @param serviceNetworkName      the name every cluster's Gateway carries
 * @param clientRoleArn           the SigV4 client role of the environment's account
 * @param account                 the environment's AWS account
 * @param clientNamespaces        the namespaces whose pods may call services
 * @param accessLogGroup          the log group of the service network's access logs
 * @param dnsProfileId            the Route 53 Profile carrying the zone to other accounts; empty when not shared
 * @param servedClusters          each cluster stack of another account, to its account
 */
public record EnvironmentOutputs(
        String region,
        String domain,
        String privateZoneId,
        String privateZoneArn,
        String certificateArn,
        String certificateAuthorityArn,
        String serviceNetworkId,
        String serviceNetworkArn,
        String serviceNetworkName,
        String clientRoleArn,
        String account,
        List<String> clientNamespaces,
        String accessLogGroup,
        @StackOutputs.AddedLater String dnsProfileId,
        @StackOutputs.AddedLater Map<String, String> servedClusters) {

    public EnvironmentOutputs {
        clientNamespaces = List.copyOf(clientNamespaces);
        servedClusters = Map.copyOf(servedClusters);
    }

    static void export(Context ctx, Output<EnvironmentOutputs> outputs) {
        StackOutputs.export(ctx, EnvironmentOutputs.class, outputs);
    }

    /** Reads the environment through its stack reference, before the cluster registers anything. */
    static EnvironmentOutputs read(StackReference environment) {
        return StackOutputs.read(environment, EnvironmentOutputs.class, "environment");
    }
}
