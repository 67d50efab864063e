package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.eks.ProviderCredentials;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.naming.NameRules;
import io.vpclattice.multicluster.naming.Partition;
import io.vpclattice.multicluster.network.Ipv4Cidr;
import io.vpclattice.multicluster.network.NatGateways;
import io.vpclattice.multicluster.network.SubnetPlan;
import io.vpclattice.multicluster.policies.CallerRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the configuration of one stack, before any resource is registered. Every problem
 * found is reported, each naming the key, the value and what is expected; nothing is half-read.
 */
public final class ConfigLoader {
    private static final Pattern KUBERNETES_VERSION = Pattern.compile("1\\.(\\d{2})");
    private static final int MIN_KUBERNETES_MINOR = 31;
    private static final Pattern CHART_SEMVER = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern PRIVATE_CA_ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):acm-pca:([a-z0-9-]+):(\\d{12}):certificate-authority/[0-9a-f-]{36}");
    private static final Pattern PRINCIPAL_ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):iam::\\d{12}:(role|user)/[A-Za-z0-9+=,.@_/-]+");
    private static final Pattern ASSUMED_ROLE_ARN =
            Pattern.compile("arn:[a-z-]+:sts::(\\d{12}):assumed-role/([A-Za-z0-9+=,.@_-]+)/.*");
    private static final Ipv4Cidr LINK_LOCAL = Ipv4Cidr.of("169.254.0.0/16");
    /** The retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
    static final List<Integer> LOG_RETENTION_DAYS = List.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public static final List<String> CONTROL_PLANE_LOG_TYPES =
            List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

    private final ConfigSource source;
    private final String project;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(ConfigSource source, String project) {
        this.source = source;
        this.project = project;
    }

    /**
     * @param stacks the project's stacks and their roles ({@link ProjectFiles#stacks()}): this stack is the
     *               environment exactly when they say so, and a caller rule must name one of their cluster stacks
     * @throws ConfigException naming every problem found
     */
    public static StackConfig load(
            ConfigSource source, String organization, String project, String stack, ProjectStacks stacks) {
        return new ConfigLoader(source, project).read(organization, stack, stacks);
    }

    private StackConfig read(String organization, String stack, ProjectStacks stacks) {
        String region = source.awsRegion().orElse(ConfigSchema.DEFAULT_REGION);
        NameRules.region(region).ifPresent(p -> problem(ConfigSchema.AWS_REGION, region, p));
        // The roles come from ProjectStacks, which reads every stack's environmentStack as the CLI hands it over.
        // The value handed to this run must agree: one that differs did not come from the stack files, and would
        // make this stack reference another environment than the others.
        string(
                ConfigSchema.ENVIRONMENT_STACK,
                v -> NameRules.stackName(v)
                        .or(
                                () -> v.equals(stacks.environment())
                                        ? Optional.empty()
                                        : Optional.of(
                                                "expected " + stacks.environment()
                                                        + ", the environment stack that Pulumi.yaml and the project's stack files name"
                                                        + " (`java -jar target/vpc-lattice-multicluster.jar stacks` lists the stacks)")));
        String environmentName = string(ConfigSchema.ENVIRONMENT_NAME, NameRules::environmentName);
        boolean environment = stacks.isEnvironment(stack);
        var accounts = stacks.accounts();
        if (!environment) {
            // This run's own value, as the CLI hands it over, is the one the stack uses.
            String own = string(ConfigSchema.ACCOUNT_ID, ClusterAccounts::problem);
            accounts = accounts.with(stack, own.isEmpty() ? Optional.empty() : Optional.of(own));
        }
        var common = new Common(
                organization,
                project,
                stack,
                region,
                stacks.environment(),
                environmentName,
                accounts,
                new ProviderCredentials(source.awsProfile(), source.awsAssumeRoleArn()));

        checkKeysBelongToThisStack(stack, environment ? ConfigKey.Scope.ENVIRONMENT : ConfigKey.Scope.CLUSTER);
        StackConfig config = environment ? readEnvironment(common) : readCluster(common, stacks);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private EnvironmentStackConfig readEnvironment(Common common) {
        String domain = string(ConfigSchema.DOMAIN, NameRules::domain);
        String organization = string(
                ConfigSchema.ORGANIZATION,
                v -> v.isBlank() || v.length() > 64 || v.chars().anyMatch(Character::isISOControl)
                        ? Optional.of("expected 1 to 64 printable characters")
                        : Optional.empty());
        String serviceNetworkName = string(ConfigSchema.SERVICE_NETWORK_NAME, NameRules::serviceNetworkName);
        List<String> namespaces = list(
                ConfigSchema.CLIENT_NAMESPACES,
                NameRules::namespace,
                "expected at least one namespace: without one no pod can call a service");
        String caArn =
                string(ConfigSchema.CERTIFICATE_AUTHORITY_ARN, v -> checkCertificateAuthorityArn(v, common.region()));
        int deletionWindow = integer(ConfigSchema.CA_DELETION_WINDOW_DAYS, 7, 30);
        var sharedWith = SharedWith.of(list(ConfigSchema.SHARED_WITH, SharedWith::problem));
        int logRetention = integer(ConfigSchema.ACCESS_LOG_RETENTION_DAYS, 1, 3653);
        if (logRetention >= 1 && logRetention <= 3653 && !LOG_RETENTION_DAYS.contains(logRetention)) {
            problem(
                    ConfigSchema.ACCESS_LOG_RETENTION_DAYS,
                    String.valueOf(logRetention),
                    "expected a CloudWatch Logs retention: "
                            + LOG_RETENTION_DAYS.stream()
                                    .map(String::valueOf)
                                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        return new EnvironmentStackConfig(
                common,
                domain,
                organization,
                serviceNetworkName,
                namespaces,
                caArn.isEmpty() ? Optional.empty() : Optional.of(caArn),
                deletionWindow,
                sharedWith,
                logRetention);
    }

    private ClusterStackConfig readCluster(Common common, ProjectStacks stacks) {
        NameRules.clusterName(common.stack())
                .ifPresent(p -> problems.add("stack name \"" + common.stack() + "\": " + p
                        + "; rename the stack, or set " + qualified(ConfigSchema.ENVIRONMENT_STACK)
                        + " if this is meant to be the environment"));

        String cidrText = string(ConfigSchema.VPC_CIDR, v -> Optional.empty());
        Ipv4Cidr vpcCidr = Ipv4Cidr.parse(cidrText).orElse(null);
        if (vpcCidr == null) {
            problem(
                    ConfigSchema.VPC_CIDR,
                    cidrText,
                    "expected an IPv4 CIDR such as 10.0.0.0/16"
                            + Ipv4Cidr.aligned(cidrText)
                                    .filter(a -> !a.equals(cidrText))
                                    .map(a -> " (host bits set: did you mean " + a + "?)")
                                    .orElse(""));
        } else if (vpcCidr.overlaps(LINK_LOCAL)) {
            problem(
                    ConfigSchema.VPC_CIDR,
                    cidrText,
                    "expected a range outside " + LINK_LOCAL
                            + ": VPC Lattice answers from 169.254.171.0/24, which the SigV4 sidecar redirects, so pods could not reach their own VPC");
            vpcCidr = null;
        } else if (vpcCidr.prefixLength() < SubnetPlan.SMALLEST_PREFIX
                || vpcCidr.prefixLength() > SubnetPlan.LARGEST_PREFIX) {
            problem(
                    ConfigSchema.VPC_CIDR,
                    cidrText,
                    "expected a prefix from /" + SubnetPlan.SMALLEST_PREFIX + " to /" + SubnetPlan.LARGEST_PREFIX
                            + " (AWS allows /16 at most; smaller VPCs leave public subnets under /28)");
        }
        int zones = integer(ConfigSchema.AVAILABILITY_ZONE_COUNT, SubnetPlan.MIN_ZONES, SubnetPlan.MAX_ZONES);
        String natText = string(
                ConfigSchema.NAT_GATEWAYS,
                v -> NatGateways.fromConfig(v).isPresent()
                        ? Optional.empty()
                        : Optional.of("expected one of single, perZone"));
        var network = new ClusterStackConfig.Network(
                vpcCidr, zones, NatGateways.fromConfig(natText).orElse(NatGateways.SINGLE));

        String version = string(ConfigSchema.KUBERNETES_VERSION, ConfigLoader::checkKubernetesVersion);
        String instanceType = string(
                ConfigSchema.NODE_INSTANCE_TYPE,
                v -> INSTANCE_TYPE.matcher(v).matches()
                        ? Optional.empty()
                        : Optional.of("expected an EC2 instance type such as m5.large"));
        int min = integer(ConfigSchema.NODE_MIN_SIZE, 0, 450);
        int desired = integer(ConfigSchema.NODE_DESIRED_SIZE, 1, 450);
        int max = integer(ConfigSchema.NODE_MAX_SIZE, 1, 450);
        if (min > desired || desired > max) {
            problems.add(
                    qualified(ConfigSchema.NODE_MIN_SIZE) + "=" + min + ", " + qualified(ConfigSchema.NODE_DESIRED_SIZE)
                            + "=" + desired + ", " + qualified(ConfigSchema.NODE_MAX_SIZE) + "=" + max
                            + ": expected nodeMinSize <= nodeDesiredSize <= nodeMaxSize");
        }
        String admin = string(ConfigSchema.CLUSTER_ADMIN_ARN, v -> checkPrincipalArn(v, common.partition()));
        List<String> publicCidrs = list(
                ConfigSchema.ENDPOINT_PUBLIC_ACCESS_CIDRS,
                v -> Ipv4Cidr.parse(v).isPresent()
                        ? Optional.empty()
                        : Optional.of("expected an IPv4 CIDR such as 203.0.113.0/24"),
                "expected at least one CIDR: pulumi reaches the Kubernetes API through the public endpoint");
        List<String> logTypes = list(
                ConfigSchema.CONTROL_PLANE_LOG_TYPES,
                v -> CONTROL_PLANE_LOG_TYPES.contains(v)
                        ? Optional.empty()
                        : Optional.of("expected one of " + String.join(", ", CONTROL_PLANE_LOG_TYPES)));
        List<String> addonPins = list(ConfigSchema.ADDON_VERSIONS, AddonVersions::problem);
        var pinnedAddons = new HashSet<String>();
        for (String pin : addonPins) {
            String addon = pin.substring(0, pin.indexOf('='));
            if (!pinnedAddons.add(addon)) {
                problem(
                        ConfigSchema.ADDON_VERSIONS,
                        pin,
                        "pins " + addon + " a second time; keep one version per add-on");
            }
        }
        var eks = new ClusterStackConfig.Eks(
                version,
                instanceType,
                new ClusterStackConfig.NodeScaling(min, desired, max),
                admin.isEmpty() ? Optional.empty() : Optional.of(admin),
                publicCidrs,
                logTypes,
                AddonVersions.pins(addonPins));

        String gatewayApiVersion = string(
                ConfigSchema.GATEWAY_API_VERSION,
                v -> GatewayApiCrds.isPinned(v)
                        ? Optional.empty()
                        : Optional.of("expected a pinned Gateway API release: "
                                + String.join(", ", GatewayApiCrds.pinnedVersions())));
        String controllerChart =
                string(ConfigSchema.GATEWAY_CONTROLLER_CHART_VERSION, ConfigLoader::checkControllerChart);
        String externalDnsChart = string(
                ConfigSchema.EXTERNAL_DNS_CHART_VERSION,
                v -> v.matches("\\d+\\.\\d+\\.\\d+")
                        ? Optional.empty()
                        : Optional.of("expected a chart version such as 1.21.1"));
        boolean httpListener = bool(ConfigSchema.HTTP_LISTENER);
        var platform =
                new ClusterStackConfig.Platform(gatewayApiVersion, controllerChart, externalDnsChart, httpListener);

        String appImage = string(ConfigSchema.DEMO_IMAGE, NameRules::containerImage);
        String proxyImage = string(ConfigSchema.SIGV4_PROXY_IMAGE, NameRules::containerImage);
        String iptablesImage = string(ConfigSchema.IPTABLES_IMAGE, NameRules::containerImage);
        var known = new TreeSet<>(stacks.clusters());
        known.add(common.stack());
        List<CallerRule> callers = list(ConfigSchema.ALLOWED_CALLERS, v -> checkCaller(v, known)).stream()
                .map(ConfigLoader::parseCaller)
                .toList();
        var demo = new ClusterStackConfig.Demo(appImage, proxyImage, iptablesImage, callers);

        return new ClusterStackConfig(common, network, eks, platform, demo);
    }

    /**
     * A key this program does not declare is a typo the CLI passes on silently; a key of the other kind of stack
     * (domain on a cluster, vpcCidr on the environment) would be ignored. The CLI merges defaults into what the
     * program sees, so a key counts as set here when its value differs from the default.
     */
    private void checkKeysBelongToThisStack(String stack, ConfigKey.Scope scope) {
        String prefix = project + ":";
        for (String key : new TreeSet<>(source.keys())) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String name = key.substring(prefix.length());
            Optional<ConfigKey> declared = ConfigSchema.find(name);
            if (declared.isEmpty()) {
                problems.add(key + ": not a configuration key of this project" + closest(name)
                        + "; the keys are listed in Pulumi.yaml");
            } else if (declared.get().scope() != ConfigKey.Scope.ALL
                    && declared.get().scope() != scope
                    && source.get(name)
                            .filter(value -> !isDefault(declared.get(), value))
                            .isPresent()) {
                problems.add(key + "=\"" + source.get(name).get() + "\": read only by "
                        + (declared.get().scope() == ConfigKey.Scope.ENVIRONMENT
                                ? "the environment stack"
                                : "cluster stacks")
                        + ", so stack " + stack + " would ignore it; set it in the "
                        + (declared.get().scope() == ConfigKey.Scope.ENVIRONMENT ? "environment's" : "clusters'")
                        + " Pulumi.<stack>.yaml instead");
            }
        }
    }

    private static String closest(String name) {
        return ConfigSchema.KEYS.stream()
                .map(ConfigKey::name)
                .filter(known -> known.equalsIgnoreCase(name)
                        || editDistance(known.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= 2)
                .findFirst()
                .map(known -> " (did you mean " + known + "?)")
                .orElse("");
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** Whether {@code value}, as the CLI passes it, is the key's default (lists compared as JSON). */
    private static boolean isDefault(ConfigKey key, String value) {
        Object defaultValue = key.defaultValue();
        if (defaultValue instanceof List<?> list) {
            try {
                return Mappers.JSON.readTree(value).equals(Mappers.JSON.valueToTree(list));
            } catch (Exception e) {
                return false;
            }
        }
        return String.valueOf(defaultValue).equals(value.trim());
    }

    private static Optional<String> checkKubernetesVersion(String value) {
        if (value.matches("1\\.[1-9]")) {
            return Optional.of(
                    "expected an EKS Kubernetes version such as 1.35; a stack file's unquoted 1." + value.charAt(2)
                            + "0 is the YAML number " + value + ": quote it (\"1." + value.charAt(2) + "0\")");
        }
        Matcher m = KUBERNETES_VERSION.matcher(value);
        if (!m.matches() || Integer.parseInt(m.group(1)) < MIN_KUBERNETES_MINOR) {
            return Optional.of("expected an EKS Kubernetes version 1." + MIN_KUBERNETES_MINOR
                    + " or later, such as 1.35 (the Gateway API controller v2.1 needs 1.31)");
        }
        return Optional.empty();
    }

    private static Optional<String> checkControllerChart(String value) {
        Matcher m = CHART_SEMVER.matcher(value);
        if (!m.matches() || !value.startsWith("v")) {
            return Optional.of("expected a chart version such as v2.1.3");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 2 || (major == 2 && minor < 1)) {
            return Optional.of("expected v2.1.0 or later: older controllers do not serve the Gateway API v1.5 CRDs");
        }
        return Optional.empty();
    }

    private static Optional<String> checkPrincipalArn(String value, String partition) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher principal = PRINCIPAL_ARN.matcher(value);
        if (principal.matches()) {
            return principal.group(1).equals(partition)
                    ? Optional.empty()
                    : Optional.of(wrongPartition(principal.group(1), partition));
        }
        Matcher assumed = ASSUMED_ROLE_ARN.matcher(value);
        if (assumed.matches()) {
            return Optional.of("expected an IAM role or user ARN, not an STS session: use arn:aws:iam::"
                    + assumed.group(1) + ":role/" + assumed.group(2) + " (with its path, if it has one)");
        }
        return Optional.of(
                "expected an IAM role or user ARN such as arn:aws:iam::123456789012:role/Admin, or empty for the caller");
    }

    private static Optional<String> checkCertificateAuthorityArn(String value, String region) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = PRIVATE_CA_ARN.matcher(value);
        if (!m.matches()) {
            return Optional.of(
                    "expected an AWS Private CA ARN such as arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/<uuid>, or empty to create one");
        }
        if (!m.group(1).equals(Partition.ofRegion(region))) {
            return Optional.of(wrongPartition(m.group(1), Partition.ofRegion(region)));
        }
        if (!m.group(2).equals(region)) {
            return Optional.of("expected a CA in " + region
                    + ": ACM issues private certificates only from a CA in its own region");
        }
        return Optional.empty();
    }

    private static String wrongPartition(String arnPartition, String regionPartition) {
        return "expected an ARN of partition " + regionPartition + " (the partition of aws:region), not " + arnPartition
                + ": resources of one partition cannot use principals or CAs of another";
    }

    private static Optional<String> checkCaller(String value, Set<String> knownClusters) {
        String[] parts = value.split("/", -1);
        if (parts.length != 2) {
            return Optional.of("expected <cluster stack>/<namespace>, such as cluster2/apps");
        }
        if (!knownClusters.contains(parts[0])) {
            return Optional.of("expected a cluster stack of this project (" + String.join(", ", knownClusters)
                    + "): add Pulumi." + parts[0] + ".yaml or fix the name");
        }
        return NameRules.namespace(parts[1]);
    }

    private static CallerRule parseCaller(String value) {
        String[] parts = value.split("/", -1);
        return new CallerRule(parts[0], parts[1]);
    }

    // --- raw value readers: record a problem and fall back to the default so that reading goes on ---

    private String string(ConfigKey key, Function<String, Optional<String>> rule) {
        String value = source.get(key.name()).orElse((String) key.defaultValue());
        Optional<String> structured = structuredValue(value);
        if (structured.isPresent()) {
            problem(key, value, "expected a string, not " + structured.get());
            return (String) key.defaultValue();
        }
        rule.apply(value).ifPresent(p -> problem(key, value, p));
        return value;
    }

    /** The CLI passes a list or map as JSON text; no string key of this project ever holds one. */
    private static Optional<String> structuredValue(String value) {
        String trimmed = value.trim();
        if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = Mappers.JSON.readTree(trimmed);
            return node.isArray() ? Optional.of("a list") : node.isObject() ? Optional.of("a map") : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private int integer(ConfigKey key, int min, int max) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return (Integer) key.defaultValue();
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                problem(key, raw.get(), "expected an integer from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            problem(key, raw.get(), "expected an integer from " + min + " to " + max);
            return (Integer) key.defaultValue();
        }
    }

    private boolean bool(ConfigKey key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return (Boolean) key.defaultValue();
        }
        return switch (raw.get().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, raw.get(), "expected true or false");
                yield (Boolean) key.defaultValue();
            }
        };
    }

    private List<String> list(ConfigKey key, Function<String, Optional<String>> itemRule) {
        return list(key, itemRule, null);
    }

    /** @param whyNotEmpty when set, an empty list is a problem, explained by this */
    @SuppressWarnings("unchecked")
    private List<String> list(ConfigKey key, Function<String, Optional<String>> itemRule, String whyNotEmpty) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return (List<String>) key.defaultValue();
        }
        JsonNode node;
        try {
            node = Mappers.JSON.readTree(raw.get());
        } catch (Exception e) {
            node = null;
        }
        if (node == null || !node.isArray()) {
            problem(
                    key,
                    raw.get(),
                    "expected a list of strings, e.g. set it with `pulumi config set --path '" + key.name()
                            + "[0]' <value>`");
            return (List<String>) key.defaultValue();
        }
        if (node.isEmpty() && whyNotEmpty != null) {
            problem(key, raw.get(), whyNotEmpty);
        }
        var items = new ArrayList<String>();
        var seen = new HashSet<String>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = key.name() + "[" + i + "]";
            if (!item.isTextual()) {
                problems.add(project + ":" + where + "=" + item + ": expected a string");
                continue;
            }
            String value = item.asText();
            Optional<String> broken = itemRule.apply(value);
            if (broken.isPresent()) {
                problems.add(project + ":" + where + "=\"" + value + "\": " + broken.get());
            } else if (!seen.add(value)) {
                problems.add(project + ":" + where + "=\"" + value + "\": listed twice; remove the duplicate");
            } else {
                items.add(value);
            }
        }
        return List.copyOf(items);
    }

    private void problem(ConfigKey key, String value, String expected) {
        problems.add(qualified(key) + "=\"" + value + "\": " + expected);
    }

    private void problem(String fullKey, String value, String expected) {
        problems.add(fullKey + "=\"" + value + "\": " + expected);
    }

    private String qualified(ConfigKey key) {
        return project + ":" + key.name();
    }
}
