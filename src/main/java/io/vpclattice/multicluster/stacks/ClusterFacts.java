package io.vpclattice.multicluster.stacks;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetManagedPrefixListArgs;
import com.pulumi.aws.iam.IamFunctions;
import com.pulumi.aws.iam.inputs.GetSessionContextArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilterArgs;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import io.vpclattice.multicluster.config.ClusterStackConfig;

import java.util.List;

/**
 * What a cluster stack asks AWS before creating anything, each asked once: who is deploying, which zones the
 * region has, and where VPC Lattice traffic comes from. Kept apart so the offline plan can answer them.
 */
public record ClusterFacts(Output<String> account, Output<String> adminPrincipalArn, Output<List<String>> zoneNames,
                           Output<String> latticePrefixListId) {

    public static String latticePrefixListName(String region) {
        return "com.amazonaws." + region + ".vpc-lattice";
    }

    public static ClusterFacts lookUp(ClusterStackConfig config) {
        Output<GetCallerIdentityResult> identity = AwsFunctions.getCallerIdentity();
        Output<String> admin = config.eks().clusterAdminArn()
                .map(Output::of)
                // Access entries need the role behind an assumed-role session, not the session's STS ARN.
                .orElseGet(() -> identity.applyValue(GetCallerIdentityResult::arn)
                        .apply(arn -> IamFunctions.getSessionContext(GetSessionContextArgs.builder().arn(arn).build()))
                        .applyValue(context -> context.issuerArn()));
        int wanted = config.network().availabilityZoneCount();
        String region = config.common().region();
        Output<List<String>> zones = AwsFunctions.getAvailabilityZones(GetAvailabilityZonesArgs.builder()
                        .state("available")
                        .filters(GetAvailabilityZonesFilterArgs.builder()
                                .name("opt-in-status").values("opt-in-not-required").build())
                        .build())
                .applyValue(result -> {
                    if (result.names().size() < wanted) {
                        throw new RunException("availabilityZoneCount=" + wanted + " but " + region + " has only "
                                + result.names().size() + " zones without opt-in: " + result.names());
                    }
                    return List.copyOf(result.names().subList(0, wanted));
                });
        Output<String> prefixList = Ec2Functions.getManagedPrefixList(GetManagedPrefixListArgs.builder()
                        .name(latticePrefixListName(region))
                        .build())
                .applyValue(result -> result.id());
        return new ClusterFacts(identity.applyValue(GetCallerIdentityResult::accountId), admin, zones, prefixList);
    }
}
