package io.vpclattice.multicluster.offlineplan;

import com.pulumi.test.Mocks;
import io.vpclattice.multicluster.eks.AddonChoice;
import io.vpclattice.multicluster.eks.RunningCluster;
import io.vpclattice.multicluster.stacks.ClusterFacts;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Stand-ins for everything only AWS would answer, so a stack runs without an account: the AWS documentation
 * example account {@value #ACCOUNT}, the configured region with zones a to f, ids and ARNs derived from
 * resource names, and the outputs of referenced stacks from their own plans. Resource inputs are echoed back
 * as outputs, as AWS would. A stand-in never refuses what AWS might accept: the region has as many zones as the
 * program allows, and the caller is whoever the configuration needs (the deploying role, or the configured
 * admin user, who alone may deploy such a stack). What runs already (EKS clusters, their node groups and add-ons)
 * comes from {@link AwsFacts}: by default nothing, so every cluster is planned as new.
 */
public final class PlanMocks implements Mocks {
    public static final String ACCOUNT = "123456789012";
    public static final String DEPLOYER_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/deployer";
    private static final List<String> STAND_IN_ZONES = List.of("a", "b", "c", "d", "e", "f");

    private final String region;
    private final String account;
    private final String callerArn;
    private final Map<String, Map<String, Object>> stackOutputs;
    private final AwsFacts facts;
    private final Set<String> referencedStacks = ConcurrentHashMap.newKeySet();
    private final Queue<String> invokes = new ConcurrentLinkedQueue<>();

    /**
     * @param account         the account the stack's credentials belong to: {@value #ACCOUNT}, or the stack's
     *                        configured account id, so that a stack of another account plans there
     * @param clusterAdminArn the stack's configured admin, which decides the stand-in caller
     * @param stackOutputs    outputs of the stacks a plan may reference, by full reference name
     */
    public PlanMocks(
            String region,
            String account,
            Optional<String> clusterAdminArn,
            Map<String, Map<String, Object>> stackOutputs) {
        this(region, account, clusterAdminArn, stackOutputs, AwsFacts.NONE);
    }

    /** @param facts what AWS runs now; {@link AwsFacts#NONE}: no cluster exists yet */
    public PlanMocks(
            String region,
            String account,
            Optional<String> clusterAdminArn,
            Map<String, Map<String, Object>> stackOutputs,
            AwsFacts facts) {
        this.facts = facts;
        this.region = region;
        this.account = account;
        this.callerArn = clusterAdminArn
                .filter(arn -> arn.contains(":user/"))
                .orElse("arn:aws:sts::" + account + ":assumed-role/deployer/plan");
        this.stackOutputs = Map.copyOf(stackOutputs);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var state = new HashMap<String, Object>(args.inputs);
        String name = args.name;
        Optional<String> id = Optional.of(name + "-id");
        switch (args.type) {
            case "pulumi:pulumi:StackReference" -> {
                referencedStacks.add(args.id);
                var outputs = stackOutputs.get(args.id);
                if (outputs == null) {
                    return CompletableFuture.failedFuture(new IllegalStateException(
                            "stack " + args.id + " has no plan to answer the reference: plan it in the same run"));
                }
                state.put("name", args.id);
                state.put("outputs", outputs);
                state.put("secretOutputNames", List.of());
                id = Optional.of(args.id);
            }
            case "aws:ec2/vpc:Vpc" -> id = Optional.of("vpc-" + name);
            case "aws:ec2/subnet:Subnet" -> id = Optional.of("subnet-" + name);
            case "aws:ec2/securityGroup:SecurityGroup" -> id = Optional.of("sg-" + name);
            case "aws:route53/zone:Zone" -> {
                state.put("zoneId", "Z" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", ""));
                state.put("arn", "arn:aws:route53:::hostedzone/" + state.get("zoneId"));
            }
            case "aws:acmpca/certificateAuthority:CertificateAuthority" -> {
                state.put("arn", arn("acm-pca", "certificate-authority/" + name));
                state.put(
                        "certificateSigningRequest",
                        "-----BEGIN CERTIFICATE REQUEST-----\n(stand-in)\n-----END CERTIFICATE REQUEST-----");
            }
            case "aws:acmpca/certificate:Certificate" -> {
                state.put("arn", arn("acm-pca", "certificate-authority/" + name + "/certificate/1"));
                state.put("certificate", "-----BEGIN CERTIFICATE-----\n(stand-in)\n-----END CERTIFICATE-----");
                state.put("certificateChain", "");
            }
            case "aws:acm/certificate:Certificate" -> state.put("arn", arn("acm", "certificate/" + name));
            case "aws:cloudwatch/logGroup:LogGroup" ->
                state.put("arn", arn("logs", "log-group:" + state.getOrDefault("name", name)));
            case "aws:route53/profilesProfile:ProfilesProfile" ->
                state.put("arn", arn("route53profiles", "profile/" + name + "-id"));
            case "aws:ram/resourceShare:ResourceShare" -> state.put("arn", arn("ram", "resource-share/" + name));
            case "aws:vpclattice/serviceNetwork:ServiceNetwork" -> {
                id = Optional.of("sn-" + name);
                state.put("arn", arn("vpc-lattice", "servicenetwork/sn-" + name));
            }
            case "aws:iam/role:Role" ->
                state.put("arn", "arn:aws:iam::" + account + ":role/" + state.getOrDefault("name", name));
            case "aws:kms/key:Key" -> {
                state.put("arn", arn("kms", "key/" + name));
                state.put("keyId", name);
            }
            case "aws:ec2/launchTemplate:LaunchTemplate" -> state.put("latestVersion", 1);
            case "aws:eks/cluster:Cluster" -> {
                state.put("arn", arn("eks", "cluster/" + state.get("name")));
                state.put(
                        "endpoint",
                        "https://" + String.valueOf(state.get("name")).toUpperCase(Locale.ROOT) + ".gr7." + region
                                + ".eks.amazonaws.com");
                state.put("certificateAuthority", Map.of("data", "LS0tLS1CRUdJTi1zdGFuZC1pbi0tLS0t"));
                @SuppressWarnings("unchecked")
                var vpcConfig =
                        new HashMap<String, Object>((Map<String, Object>) state.getOrDefault("vpcConfig", Map.of()));
                vpcConfig.put("clusterSecurityGroupId", "sg-" + name + "-cluster");
                state.put("vpcConfig", vpcConfig);
            }
            case "kubernetes:helm.sh/v3:Release" ->
                state.put(
                        "status",
                        Map.of(
                                "status",
                                "deployed",
                                "name",
                                state.getOrDefault("name", name),
                                "namespace",
                                state.getOrDefault("namespace", "default")));
            default -> {
                if (!args.type.contains("/")) {
                    id = Optional.empty(); // component resources have no id
                }
            }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(id, state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        invokes.add(args.token);
        Map<String, Object> result = switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity" ->
                Map.of("accountId", account, "arn", callerArn, "id", account, "userId", "AROAPLANSTANDIN:plan");
            case "aws:iam/getSessionContext:getSessionContext" ->
                Map.of(
                        "arn",
                        args.args.get("arn"),
                        "id",
                        args.args.get("arn"),
                        "issuerArn",
                        String.valueOf(args.args.get("arn")).contains(":assumed-role/")
                                ? "arn:aws:iam::" + account + ":role/deployer"
                                : args.args.get("arn"),
                        "issuerId",
                        "AROAPLANSTANDIN",
                        "issuerName",
                        "deployer",
                        "sessionName",
                        "plan");
            case "aws:index/getAvailabilityZones:getAvailabilityZones" ->
                availabilityZones(
                        region,
                        STAND_IN_ZONES.stream().map(zone -> region + zone).toList(),
                        STAND_IN_ZONES.stream().map(zone -> "az-" + zone).toList());
            case "aws:ec2/getManagedPrefixList:getManagedPrefixList" ->
                Map.of(
                        "id",
                        "pl-lattice-standin",
                        "name",
                        args.args.getOrDefault("name", ""),
                        "arn",
                        arn("ec2", "prefix-list/pl-lattice-standin"),
                        "addressFamily",
                        "IPv4",
                        "entries",
                        List.of(),
                        "filters",
                        List.of(),
                        "maxEntries",
                        10,
                        "ownerId",
                        "AWS",
                        "tags",
                        Map.of(),
                        "version",
                        1);
            case "aws:eks/getClusters:getClusters" ->
                Map.of("id", region, "names", List.copyOf(facts.clusters().keySet()));
            case "aws:eks/getCluster:getCluster" ->
                running(String.valueOf(args.args.get("name")))
                        .map(cluster -> cluster(String.valueOf(args.args.get("name")), cluster))
                        .orElse(null);
            case "aws:eks/getNodeGroups:getNodeGroups" -> {
                String cluster = String.valueOf(args.args.get("clusterName"));
                yield Map.of(
                        "clusterName",
                        cluster,
                        "id",
                        cluster,
                        "names",
                        running(cluster)
                                .map(c -> List.copyOf(c.nodeGroupVersions().keySet()))
                                .orElse(List.of()));
            }
            case "aws:eks/getNodeGroup:getNodeGroup" ->
                partOfCluster(args, "nodeGroupName", RunningCluster::nodeGroupVersions, this::nodeGroup);
            case "aws:eks/getAddon:getAddon" -> partOfCluster(args, "addonName", RunningCluster::addons, this::addon);
            case "aws:eks/getAddonVersion:getAddonVersion" ->
                Map.of(
                        "addonName",
                        args.args.get("addonName"),
                        "id",
                        args.args.get("addonName"),
                        "kubernetesVersion",
                        args.args.get("kubernetesVersion"),
                        "version",
                        AwsFacts.defaultAddonVersion(String.valueOf(args.args.get("kubernetesVersion"))));
            default -> null;
        };
        if (result == null && NOT_FOUND_WHEN_ABSENT.contains(args.token)) {
            // What the provider's data sources fail with when AWS has no such thing (ClusterFacts.NOT_FOUND).
            return CompletableFuture.failedFuture(new IllegalStateException("invocation of " + args.token
                    + " returned an error: reading " + args.args + ": " + ClusterFacts.NOT_FOUND));
        }
        if (result == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the offline plan has no stand-in for invoke " + args.token + "; add one to PlanMocks"));
        }
        return CompletableFuture.completedFuture(result);
    }

    /** The data sources that fail, as the provider's do, when AWS has nothing of that name. */
    private static final Set<String> NOT_FOUND_WHEN_ABSENT =
            Set.of("aws:eks/getCluster:getCluster", "aws:eks/getNodeGroup:getNodeGroup", "aws:eks/getAddon:getAddon");

    /** What a data source answers about one part of a running cluster. */
    @FunctionalInterface
    private interface PartAnswer<T> {
        Map<String, Object> of(String cluster, String name, T part);
    }

    /** A node group or add-on of a cluster of the facts, named by {@code nameArgument}; null when there is none. */
    private <T> Map<String, Object> partOfCluster(
            CallArgs args, String nameArgument, Function<RunningCluster, Map<String, T>> parts, PartAnswer<T> answer) {
        String cluster = String.valueOf(args.args.get("clusterName"));
        String name = String.valueOf(args.args.get(nameArgument));
        return running(cluster)
                .flatMap(c -> Optional.ofNullable(parts.apply(c).get(name)))
                .map(part -> answer.of(cluster, name, part))
                .orElse(null);
    }

    private Optional<RunningCluster> running(String eksCluster) {
        return Optional.ofNullable(facts.clusters().get(eksCluster));
    }

    /** {@code getCluster}: every field of GetClusterResult, which the SDK requires, from the facts' version. */
    private Map<String, Object> cluster(String name, RunningCluster running) {
        var result = new HashMap<String, Object>();
        result.put("id", name);
        result.put("name", name);
        result.put("arn", arn("eks", "cluster/" + name));
        result.put("version", running.version());
        result.put("platformVersion", "eks.1");
        result.put("status", "ACTIVE");
        result.put("clusterId", name + "-id");
        result.put("createdAt", "2026-01-01T00:00:00Z");
        result.put("endpoint", "https://" + name.toUpperCase(Locale.ROOT) + ".gr7." + region + ".eks.amazonaws.com");
        result.put("roleArn", "arn:aws:iam::" + account + ":role/" + name);
        result.put(
                "vpcConfig",
                Map.of(
                        "clusterSecurityGroupId",
                        "sg-" + name,
                        "endpointPrivateAccess",
                        true,
                        "endpointPublicAccess",
                        true,
                        "publicAccessCidrs",
                        List.of(),
                        "securityGroupIds",
                        List.of(),
                        "subnetIds",
                        List.of(),
                        "vpcId",
                        "vpc-" + name));
        for (String list : List.of(
                "accessConfigs",
                "certificateAuthorities",
                "computeConfigs",
                "enabledClusterLogTypes",
                "identities",
                "kubernetesNetworkConfigs",
                "outpostConfigs",
                "remoteNetworkConfigs",
                "storageConfigs",
                "upgradePolicies",
                "zonalShiftConfigs")) {
            result.put(list, List.of());
        }
        result.put("tags", Map.of());
        return result;
    }

    private Map<String, Object> nodeGroup(String cluster, String group, String version) {
        var result = new HashMap<String, Object>();
        result.put("id", cluster + ":" + group);
        result.put("clusterName", cluster);
        result.put("nodeGroupName", group);
        result.put("arn", arn("eks", "nodegroup/" + cluster + "/" + group + "/standin"));
        result.put("version", version);
        result.put("releaseVersion", version + ".0-standin");
        result.put("status", "ACTIVE");
        result.put("amiType", "AL2023_x86_64_STANDARD");
        result.put("capacityType", "ON_DEMAND");
        result.put("diskSize", 20);
        result.put("nodeRoleArn", "arn:aws:iam::" + account + ":role/" + group);
        for (String list : List.of(
                "instanceTypes",
                "launchTemplates",
                "remoteAccesses",
                "resources",
                "scalingConfigs",
                "subnetIds",
                "taints")) {
            result.put(list, List.of());
        }
        result.put("labels", Map.of());
        result.put("tags", Map.of());
        return result;
    }

    private Map<String, Object> addon(String cluster, String addon, RunningCluster.InstalledAddon installed) {
        var result = new HashMap<String, Object>();
        result.put("id", cluster + ":" + addon);
        result.put("clusterName", cluster);
        result.put("addonName", addon);
        result.put("addonVersion", installed.version());
        result.put("arn", arn("eks", "addon/" + cluster + "/" + addon + "/standin"));
        result.put("configurationValues", "");
        result.put("createdAt", "2026-01-01T00:00:00Z");
        result.put("modifiedAt", "2026-01-01T00:00:00Z");
        result.put("podIdentityAssociations", List.of());
        result.put("serviceAccountRoleArn", "");
        result.put(
                "tags",
                installed
                        .chosenFor()
                        .map(version -> Map.<String, Object>of(AddonChoice.CHOSEN_FOR_TAG, version))
                        .orElse(Map.of()));
        return result;
    }

    /** Tokens of the invokes the program made, one entry per call, sorted. */
    public List<String> invokes() {
        return invokes.stream().sorted().toList();
    }

    /** Names of the stacks the program referenced, sorted. */
    public List<String> referencedStacks() {
        return referencedStacks.stream().sorted().toList();
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    /** What {@code getAvailabilityZones} answers for a region with these zones. */
    public static Map<String, Object> availabilityZones(String region, List<String> names, List<String> zoneIds) {
        return Map.of(
                "id",
                region,
                "names",
                names,
                "zoneIds",
                zoneIds,
                "groupNames",
                List.of(region),
                "excludeNames",
                List.of(),
                "excludeZoneIds",
                List.of(),
                "filters",
                List.of(),
                "state",
                "available");
    }
}
