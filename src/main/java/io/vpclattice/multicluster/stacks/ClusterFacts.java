package io.vpclattice.multicluster.stacks;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetManagedPrefixListPlainArgs;
import com.pulumi.aws.iam.IamFunctions;
import com.pulumi.aws.iam.inputs.GetSessionContextPlainArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilter;
import com.pulumi.aws.inputs.GetAvailabilityZonesPlainArgs;
import com.pulumi.aws.outputs.GetAvailabilityZonesResult;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ConfigSchema;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a cluster stack asks AWS, each asked once and answered before any resource is registered, so that a
 * configuration AWS cannot serve (more zones than the region has, an admin Pulumi cannot act as) stops the run
 * with nothing half-created. Kept apart so the offline plan can answer them.
 *
 * @param callerPrincipalArn the IAM role behind the caller's session (access entries take roles, not sessions),
 *                           or the caller's user ARN
 */
public record ClusterFacts(
        String account, String callerPrincipalArn, List<String> zoneNames, String latticePrefixListId) {

    public ClusterFacts {
        zoneNames = List.copyOf(zoneNames);
    }

    public static String latticePrefixListName(String region) {
        return "com.amazonaws." + region + ".vpc-lattice";
    }

    public static ClusterFacts lookUp(ClusterStackConfig config) {
        String region = config.common().region();
        // Asked together, awaited in turn.
        var zonesAnswer = AwsFunctions.getAvailabilityZonesPlain(GetAvailabilityZonesPlainArgs.builder()
                .state("available")
                .filters(GetAvailabilityZonesFilter.builder()
                        .name("opt-in-status")
                        .values("opt-in-not-required")
                        .build())
                .build());
        var prefixListAnswer = Ec2Functions.getManagedPrefixListPlain(GetManagedPrefixListPlainArgs.builder()
                .name(latticePrefixListName(region))
                .build());
        GetCallerIdentityResult identity = await(AwsFunctions.getCallerIdentityPlain());
        String principal = await(IamFunctions.getSessionContextPlain(
                        GetSessionContextPlainArgs.builder().arn(identity.arn()).build()))
                .issuerArn();
        GetAvailabilityZonesResult zones = await(zonesAnswer);
        int wanted = config.network().availabilityZoneCount();
        if (zones.names().size() < wanted) {
            throw new ConfigException(
                    config.common().project() + ":" + ConfigSchema.AVAILABILITY_ZONE_COUNT.name() + "=\""
                            + wanted + "\": expected at most " + zones.names().size() + ", the zones of " + region
                            + " without opt-in: " + zones.names());
        }
        String prefixList = await(prefixListAnswer).id();
        return new ClusterFacts(identity.accountId(), principal, zones.names().subList(0, wanted), prefixList);
    }

    /** The answer of a data source, or its own failure (not a wrapper) when AWS refuses. */
    static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
