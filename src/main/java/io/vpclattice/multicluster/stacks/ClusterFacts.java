package io.vpclattice.multicluster.stacks;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetManagedPrefixListPlainArgs;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.GetAddonPlainArgs;
import com.pulumi.aws.eks.inputs.GetClusterPlainArgs;
import com.pulumi.aws.eks.inputs.GetNodeGroupPlainArgs;
import com.pulumi.aws.eks.inputs.GetNodeGroupsPlainArgs;
import com.pulumi.aws.eks.outputs.GetAddonResult;
import com.pulumi.aws.eks.outputs.GetNodeGroupResult;
import com.pulumi.aws.iam.IamFunctions;
import com.pulumi.aws.iam.inputs.GetSessionContextPlainArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilter;
import com.pulumi.aws.inputs.GetAvailabilityZonesPlainArgs;
import com.pulumi.aws.outputs.GetAvailabilityZonesResult;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ConfigSchema;
import io.vpclattice.multicluster.eks.AddonChoice;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.eks.RunningCluster;
import io.vpclattice.multicluster.naming.Names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a cluster stack asks AWS, each asked once and answered before any resource is registered, so that a
 * configuration AWS cannot serve (more zones than the region has, an admin Pulumi cannot act as) stops the run
 * with nothing half-created. Kept apart so the offline plan can answer them.
 *
 * @param callerPrincipalArn the IAM role behind the caller's session (access entries take roles, not sessions),
 *                           or the caller's user ARN
 * @param running            what the cluster runs now (versions of the control plane, node groups and add-ons);
 *                           empty when the cluster does not exist yet
 */
public record ClusterFacts(
        String account,
        String callerPrincipalArn,
        List<String> zoneNames,
        String latticePrefixListId,
        Optional<RunningCluster> running) {

    /** The text of the provider's not-found error, which the offline plan's stand-in answers with too. */
    public static final String NOT_FOUND = "couldn't find resource";

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
        return new ClusterFacts(
                identity.accountId(),
                principal,
                zones.names().subList(0, wanted),
                prefixList,
                running(Names.eksCluster(config.cluster())));
    }

    /**
     * What AWS runs for the cluster now: listed first (ListClusters answers for a cluster that does not exist,
     * where DescribeCluster fails), then its version, its node groups' versions and its managed add-ons, asked
     * together. pulumi-aws 6.83.0 has no data source that lists add-ons, so each is described, and one that is not
     * installed is recognised by the provider's not-found error.
     *
     * <p>The deployer needs eks:ListClusters, eks:DescribeCluster, eks:ListNodegroups, eks:DescribeNodegroup and
     * eks:DescribeAddon (read-only; a preview needs them too).
     */
    static Optional<RunningCluster> running(String eksCluster) {
        if (!await(EksFunctions.getClustersPlain()).names().contains(eksCluster)) {
            return Optional.empty();
        }
        var clusterAnswer = EksFunctions.getClusterPlain(
                GetClusterPlainArgs.builder().name(eksCluster).build());
        var groupsAnswer = EksFunctions.getNodeGroupsPlain(
                GetNodeGroupsPlainArgs.builder().clusterName(eksCluster).build());
        var addonAnswers = new LinkedHashMap<String, CompletableFuture<Optional<GetAddonResult>>>();
        for (String addon : AddonVersions.all()) {
            addonAnswers.put(addon, installed(eksCluster, addon));
        }
        var groupAnswers = new LinkedHashMap<String, CompletableFuture<GetNodeGroupResult>>();
        for (String group : await(groupsAnswer).names()) {
            groupAnswers.put(
                    group,
                    EksFunctions.getNodeGroupPlain(GetNodeGroupPlainArgs.builder()
                            .clusterName(eksCluster)
                            .nodeGroupName(group)
                            .build()));
        }
        var groupVersions = new TreeMap<String, String>();
        groupAnswers.forEach(
                (group, answer) -> groupVersions.put(group, await(answer).version()));
        var addons = new TreeMap<String, RunningCluster.InstalledAddon>();
        addonAnswers.forEach((addon, answer) -> await(answer)
                .ifPresent(found -> addons.put(
                        addon,
                        new RunningCluster.InstalledAddon(
                                found.addonVersion(),
                                Optional.ofNullable(found.tags().get(AddonChoice.CHOSEN_FOR_TAG))))));
        return Optional.of(new RunningCluster(await(clusterAnswer).version(), groupVersions, addons));
    }

    /**
     * One managed add-on, or empty when it is not installed. The provider's data source fails with
     * {@code reading EKS Add-On (<cluster>:<add-on>): couldn't find resource} then
     * (terraform-provider-aws internal/service/eks/addon_data_source.go wraps findAddonByTwoPartKey's
     * retry.NotFoundError, whose message is "couldn't find resource"); any other failure stops the run.
     */
    private static CompletableFuture<Optional<GetAddonResult>> installed(String eksCluster, String addon) {
        return EksFunctions.getAddonPlain(GetAddonPlainArgs.builder()
                        .clusterName(eksCluster)
                        .addonName(addon)
                        .build())
                .handle((found, failure) -> {
                    if (failure == null) {
                        return Optional.of(found);
                    }
                    if (isNotFound(failure)) {
                        return Optional.<GetAddonResult>empty();
                    }
                    throw failure instanceof CompletionException completion
                            ? completion
                            : new CompletionException(failure);
                });
    }

    static boolean isNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(NOT_FOUND)) {
                return true;
            }
        }
        return false;
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
