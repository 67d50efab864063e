package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.config.ConfigKey.BooleanKey;
import io.vpclattice.multicluster.config.ConfigKey.IntegerKey;
import io.vpclattice.multicluster.config.ConfigKey.ObjectListKey;
import io.vpclattice.multicluster.config.ConfigKey.RuleContext;
import io.vpclattice.multicluster.config.ConfigKey.StringKey;
import io.vpclattice.multicluster.config.ConfigKey.StringListKey;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.eks.ClusterAccess;
import io.vpclattice.multicluster.eks.NodeGroups;
import io.vpclattice.multicluster.eks.ProviderCredentials;
import io.vpclattice.multicluster.eks.VpcCni;
import io.vpclattice.multicluster.kubernetes.Workload;
import io.vpclattice.multicluster.limits.ClientRoleTrust;
import io.vpclattice.multicluster.limits.GeneratedValues;
import io.vpclattice.multicluster.naming.NameRules;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Spelling;
import io.vpclattice.multicluster.network.Ipv4Cidr;
import io.vpclattice.multicluster.network.NatGateways;
import io.vpclattice.multicluster.policies.Caller;
import io.vpclattice.multicluster.policies.CallerRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.config.ConfigSchema.ACCESS_LOG_RETENTION_DAYS;
import static io.vpclattice.multicluster.config.ConfigSchema.ACCOUNT_ID;
import static io.vpclattice.multicluster.config.ConfigSchema.ADDON_VERSIONS;
import static io.vpclattice.multicluster.config.ConfigSchema.ALLOWED_CALLERS;
import static io.vpclattice.multicluster.config.ConfigSchema.AVAILABILITY_ZONE_COUNT;
import static io.vpclattice.multicluster.config.ConfigSchema.CA_DELETION_WINDOW_DAYS;
import static io.vpclattice.multicluster.config.ConfigSchema.CERTIFICATE_AUTHORITY_ARN;
import static io.vpclattice.multicluster.config.ConfigSchema.CLIENT_NAMESPACES;
import static io.vpclattice.multicluster.config.ConfigSchema.CLUSTER_ADMIN_ARN;
import static io.vpclattice.multicluster.config.ConfigSchema.CONTROL_PLANE_LOG_TYPES;
import static io.vpclattice.multicluster.config.ConfigSchema.DEMO_IMAGE;
import static io.vpclattice.multicluster.config.ConfigSchema.DOMAIN;
import static io.vpclattice.multicluster.config.ConfigSchema.ENDPOINT_PUBLIC_ACCESS;
import static io.vpclattice.multicluster.config.ConfigSchema.ENDPOINT_PUBLIC_ACCESS_CIDRS;
import static io.vpclattice.multicluster.config.ConfigSchema.ENVIRONMENT_NAME;
import static io.vpclattice.multicluster.config.ConfigSchema.ENVIRONMENT_STACK;
import static io.vpclattice.multicluster.config.ConfigSchema.EXTERNAL_DNS_CHART_VERSION;
import static io.vpclattice.multicluster.config.ConfigSchema.FLOW_LOG_RETENTION_DAYS;
import static io.vpclattice.multicluster.config.ConfigSchema.GATEWAY_API_VERSION;
import static io.vpclattice.multicluster.config.ConfigSchema.GATEWAY_CONTROLLER_CHART_VERSION;
import static io.vpclattice.multicluster.config.ConfigSchema.HTTP_LISTENER;
import static io.vpclattice.multicluster.config.ConfigSchema.INTERFACE_ENDPOINTS;
import static io.vpclattice.multicluster.config.ConfigSchema.IPTABLES_IMAGE;
import static io.vpclattice.multicluster.config.ConfigSchema.KUBERNETES_VERSION;
import static io.vpclattice.multicluster.config.ConfigSchema.KYVERNO_CHART_VERSION;
import static io.vpclattice.multicluster.config.ConfigSchema.NAT_GATEWAYS;
import static io.vpclattice.multicluster.config.ConfigSchema.NODE_DESIRED_SIZE;
import static io.vpclattice.multicluster.config.ConfigSchema.NODE_INSTANCE_TYPES;
import static io.vpclattice.multicluster.config.ConfigSchema.NODE_MAX_SIZE;
import static io.vpclattice.multicluster.config.ConfigSchema.NODE_MIN_SIZE;
import static io.vpclattice.multicluster.config.ConfigSchema.ORGANIZATION;
import static io.vpclattice.multicluster.config.ConfigSchema.SERVICES;
import static io.vpclattice.multicluster.config.ConfigSchema.SERVICE_NETWORK_NAME;
import static io.vpclattice.multicluster.config.ConfigSchema.SHARED_WITH;
import static io.vpclattice.multicluster.config.ConfigSchema.SIGV4_PROXY_IMAGE;
import static io.vpclattice.multicluster.config.ConfigSchema.VPC_CIDR;

/**
 * Reads and validates the configuration of one stack, before any resource is registered: every key with the rule
 * {@link ConfigSchema} declares for it, then the few rules that relate keys. Every problem found is reported, each
 * naming the key, the value and what is expected; nothing is half-read.
 */
public final class ConfigLoader {
    private final ConfigSource source;
    private final String project;
    private final RuleContext context;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(ConfigSource source, String project, RuleContext context) {
        this.source = source;
        this.project = project;
        this.context = context;
    }

    /**
     * @param stacks the project's stacks and their roles: this stack is the environment exactly when they say so,
     *               and a caller rule must name one of their cluster stacks
     * @throws ConfigException naming every problem found
     */
    public static StackConfig load(
            ConfigSource source, String organization, String project, String stack, ProjectStacks stacks) {
        String region = source.awsRegion().orElse(ConfigSchema.DEFAULT_REGION);
        var loader = new ConfigLoader(source, project, new RuleContext(stack, region, stacks));
        NameRules.region(region).ifPresent(p -> loader.problem(ConfigSchema.AWS_REGION, region, p));
        return loader.read(organization);
    }

    private StackConfig read(String organization) {
        String stack = context.stack();
        ProjectStacks stacks = context.stacks();
        read(ENVIRONMENT_STACK);
        String environmentName = read(ENVIRONMENT_NAME);
        boolean environment = stacks.isEnvironment(stack);
        var accounts = stacks.accounts();
        if (!environment) {
            // This run's own value, as the CLI hands it over, is the one the stack uses.
            String own = read(ACCOUNT_ID);
            accounts = accounts.with(stack, own.isEmpty() ? Optional.empty() : Optional.of(own));
        }
        var common = new Common(
                organization,
                project,
                stack,
                context.region(),
                stacks.environment(),
                environmentName,
                accounts,
                new ProviderCredentials(source.awsProfile(), source.awsAssumeRoleArn()),
                stacks.calls());

        checkKeysBelongToThisStack(environment ? ConfigKey.Scope.ENVIRONMENT : ConfigKey.Scope.CLUSTER);
        StackConfig config = environment ? readEnvironment(common) : readCluster(common);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private EnvironmentStackConfig readEnvironment(Common common) {
        String caArn = read(CERTIFICATE_AUTHORITY_ARN);
        var config = new EnvironmentStackConfig(
                common,
                read(DOMAIN),
                read(ORGANIZATION),
                read(SERVICE_NETWORK_NAME),
                read(CLIENT_NAMESPACES),
                caArn.isEmpty() ? Optional.empty() : Optional.of(caArn),
                read(CA_DELETION_WINDOW_DAYS),
                SharedWith.of(read(SHARED_WITH)),
                read(ACCESS_LOG_RETENTION_DAYS),
                read(FLOW_LOG_RETENTION_DAYS));
        if (problems.isEmpty()) {
            checkGeneratedValues(config);
        }
        return config;
    }

    /**
     * The names and policies the environment builds from several keys or lists, against AWS's limits. Offline the
     * account is unknown: every cluster stack that names an account counts as another account's, which is never
     * more lenient (its own role names its cluster too).
     */
    private void checkGeneratedValues(EnvironmentStackConfig config) {
        var common = config.common();
        var members = common.clusterAccounts().named();
        var namespaces = new TreeSet<String>(config.clientNamespaces());
        var memberNamespaces = new TreeMap<String, List<String>>();
        for (String cluster : common.clusterAccounts().clusters()) {
            var clusterNamespaces = common.calls().clientNamespaces(cluster);
            if (members.containsKey(cluster)) {
                memberNamespaces.put(cluster, List.copyOf(clusterNamespaces));
            } else {
                namespaces.addAll(clusterNamespaces);
            }
        }
        GeneratedValues.environmentNames(
                        project,
                        common.stack(),
                        common.environmentName(),
                        config.serviceNetworkName(),
                        config.domain(),
                        members.keySet())
                .forEach(line -> problems.add(project + ": " + line));
        GeneratedValues.environmentPolicies(
                        common.partition(),
                        common.region(),
                        common.environmentName(),
                        List.copyOf(namespaces),
                        config.sharedWith(),
                        members,
                        memberNamespaces)
                .forEach(line -> problems.add(project + ":" + line));
    }

    /** The names the cluster builds from several keys, and each service's auth policy, against AWS's limits. */
    private void checkGeneratedValues(ClusterStackConfig config) {
        var common = config.common();
        GeneratedValues.clusterNames(project, common.environmentName(), common.stack(), Workload.DEMO_NAMESPACE)
                .forEach(line -> problems.add(project + ": " + line));
        var accounts = common.clusterAccounts();
        if (config.runsDemo()) {
            GeneratedValues.servicePolicy(
                            common.partition(),
                            ALLOWED_CALLERS.name(),
                            Names.demoRoute(common.stack()),
                            withAccounts(config.demo().allowedCallers(), accounts))
                    .forEach(line -> problems.add(project + ":" + line));
        }
        for (int i = 0; i < config.services().size(); i++) {
            var service = config.services().get(i);
            GeneratedValues.servicePolicy(
                            common.partition(),
                            SERVICES.name() + "[" + i + "].callers",
                            Names.serviceRoute(service.name(), common.stack()),
                            withAccounts(service.callers(), accounts))
                    .forEach(line -> problems.add(project + ":" + line));
        }
        var ownNamespaces = List.copyOf(common.calls().clientNamespaces(common.stack()));
        accounts.configured(common.stack())
                .flatMap(account -> ClientRoleTrust.problem(
                        Names.clusterRoleUnchecked(common.environmentName(), common.stack(), "sigv4-client"),
                        ownNamespaces,
                        Names.eksCluster(common.stack())))
                .ifPresent(problem -> problems.add(project + ": the client namespaces of " + common.stack()
                        + " (its services' and callers'), for its own client role: " + problem));
    }

    private static List<Caller> withAccounts(List<CallerRule> rules, ClusterAccounts accounts) {
        return rules.stream()
                .map(rule -> new Caller(rule, accounts.accountOf(rule.cluster(), ClientRoleTrust.ANY_ACCOUNT)))
                .toList();
    }

    private ClusterStackConfig readCluster(Common common) {
        NameRules.clusterName(common.stack())
                .ifPresent(p -> problems.add("stack name \"" + common.stack() + "\": " + p
                        + "; rename the stack, or set " + qualified(ENVIRONMENT_STACK.name())
                        + " if this is meant to be the environment"));

        var network = new ClusterStackConfig.Network(
                Ipv4Cidr.of(read(VPC_CIDR)),
                read(AVAILABILITY_ZONE_COUNT),
                NatGateways.fromConfig(read(NAT_GATEWAYS)).orElseThrow(),
                read(FLOW_LOG_RETENTION_DAYS),
                read(INTERFACE_ENDPOINTS));

        int min = read(NODE_MIN_SIZE);
        int desired = read(NODE_DESIRED_SIZE);
        int max = read(NODE_MAX_SIZE);
        if (min > desired || desired > max) {
            problems.add(qualified(NODE_MIN_SIZE.name()) + "=" + min + ", " + qualified(NODE_DESIRED_SIZE.name()) + "="
                    + desired + ", " + qualified(NODE_MAX_SIZE.name()) + "=" + max
                    + ": expected nodeMinSize <= nodeDesiredSize <= nodeMaxSize");
        }
        List<String> addonPins = read(ADDON_VERSIONS);
        var pinnedAddons = new HashSet<String>();
        for (String pin : addonPins) {
            String addon = pin.substring(0, pin.indexOf('='));
            if (!pinnedAddons.add(addon)) {
                problem(
                        qualified(ADDON_VERSIONS.name()),
                        pin,
                        "pins " + addon + " a second time; keep one version per add-on");
            }
        }
        var pins = AddonVersions.pins(addonPins);
        Optional.ofNullable(pins.get(VpcCni.ADDON))
                .flatMap(VpcCni::pinProblem)
                .ifPresent(
                        p -> problem(qualified(ADDON_VERSIONS.name()), VpcCni.ADDON + "=" + pins.get(VpcCni.ADDON), p));
        List<String> instanceTypes = read(NODE_INSTANCE_TYPES);
        NodeGroups.problem(instanceTypes)
                .ifPresent(p -> problem(
                        NODE_INSTANCE_TYPES,
                        source.get(NODE_INSTANCE_TYPES.name()).orElse(String.join(",", instanceTypes)),
                        p));
        boolean publicEndpoint = read(ENDPOINT_PUBLIC_ACCESS);
        List<String> publicCidrs = read(ENDPOINT_PUBLIC_ACCESS_CIDRS);
        Optional<String> cidrsSet = source.get(ENDPOINT_PUBLIC_ACCESS_CIDRS.name())
                .filter(value -> !isDefault(ENDPOINT_PUBLIC_ACCESS_CIDRS, value));
        if (!publicEndpoint && cidrsSet.isPresent()) {
            // Private only: EKS ignores publicAccessCidrs then, and a list that seems to restrict a public endpoint
            // that does not exist says the intent is unclear.
            problem(
                    ENDPOINT_PUBLIC_ACCESS_CIDRS,
                    cidrsSet.get(),
                    "only for a public endpoint, and " + qualified(ENDPOINT_PUBLIC_ACCESS.name())
                            + " is false (private only): remove it, or set endpointPublicAccess to true");
        }
        String admin = read(CLUSTER_ADMIN_ARN);
        ClusterAccess.externalIdProblem(
                        admin.isEmpty() ? Optional.empty() : Optional.of(admin),
                        source.awsAssumeRoleArn(),
                        source.awsAssumeRoleExternalId(),
                        qualified(CLUSTER_ADMIN_ARN.name()))
                .ifPresent(problems::add);
        var eks = new ClusterStackConfig.Eks(
                read(KUBERNETES_VERSION),
                instanceTypes,
                new ClusterStackConfig.NodeScaling(min, desired, max),
                admin.isEmpty() ? Optional.empty() : Optional.of(admin),
                publicEndpoint,
                publicCidrs,
                read(CONTROL_PLANE_LOG_TYPES),
                pins);

        var platform = new ClusterStackConfig.Platform(
                read(GATEWAY_API_VERSION),
                read(GATEWAY_CONTROLLER_CHART_VERSION),
                read(EXTERNAL_DNS_CHART_VERSION),
                read(KYVERNO_CHART_VERSION),
                read(HTTP_LISTENER));

        var demo = new ClusterStackConfig.Demo(
                read(DEMO_IMAGE),
                read(SIGV4_PROXY_IMAGE),
                read(IPTABLES_IMAGE),
                read(ALLOWED_CALLERS).stream().map(ConfigRules::parseCaller).toList());

        List<ServiceConfig> services = read(SERVICES);
        if (!services.isEmpty()) {
            // The services replace the demo: a demo setting beside them would be ignored.
            for (ConfigKey<?> demoKey : List.<ConfigKey<?>>of(ALLOWED_CALLERS, DEMO_IMAGE)) {
                source.get(demoKey.name())
                        .filter(value -> !isDefault(demoKey, value))
                        .ifPresent(
                                value -> problems.add(qualified(SERVICES.name()) + " and " + qualified(demoKey.name())
                                        + " are both set: the services replace the demo, which " + demoKey.name()
                                        + " configures; set the callers of each service in its entry and remove "
                                        + demoKey.name()));
            }
        }
        // This run's own services and callers, as the CLI hands them over, are the ones the stack uses.
        var calls = services.isEmpty()
                ? common.calls().with(common.stack(), Set.of(Workload.DEMO_NAMESPACE), demo.allowedCallers())
                : common.calls()
                        .with(
                                common.stack(),
                                services.stream().map(ServiceConfig::namespace).collect(Collectors.toSet()),
                                services.stream()
                                        .flatMap(service -> service.callers().stream())
                                        .distinct()
                                        .toList());
        var config = new ClusterStackConfig(common.withCalls(calls), network, eks, platform, demo, services);
        if (problems.isEmpty()) {
            checkGeneratedValues(config);
        }
        return config;
    }

    /**
     * The namespaces something reads besides the project's. A namespace is a package's configuration: the engine
     * hands the keys of namespace {@code P} to the default provider of package {@code P} (pulumi/pulumi
     * {@code pkg/resource/deploy/target.go}, {@code Target.GetPackageConfig}), and {@code pulumi:} is the engine's
     * own ({@code pulumi:disable-default-providers} in {@code pkg/resource/deploy/default_providers.go},
     * {@code pulumi:autonaming} in {@code pkg/cmd/pulumi/autonaming/config.go}). This program's resources come from
     * the packages {@code aws} and {@code kubernetes}; the program itself reads {@code aws:region},
     * {@code aws:profile} and {@code aws:assumeRole}.
     */
    public static final Set<String> READ_NAMESPACES = Set.of("aws", "kubernetes", "pulumi");

    /**
     * A key this program does not declare is a typo the CLI passes on silently; a key of the other kind of stack
     * (domain on a cluster, vpcCidr on the environment) would be ignored; so would a key whose namespace is the
     * project's name misspelt, which no package reads. The CLI merges defaults into what the program sees, so a
     * key counts as set here when its value differs from the default.
     */
    private void checkKeysBelongToThisStack(ConfigKey.Scope scope) {
        String prefix = project + ":";
        var declaredNames = ConfigSchema.KEYS.stream().map(ConfigKey::name).toList();
        for (String key : new TreeSet<>(source.keys())) {
            int colon = key.indexOf(':');
            String namespace = colon < 0 ? "" : key.substring(0, colon);
            if (!namespace.equals(project)
                    && !READ_NAMESPACES.contains(namespace)
                    && Spelling.closest(namespace, List.of(project)).isPresent()) {
                String name = key.substring(colon + 1);
                String meant = prefix
                        + (ConfigSchema.find(name).isPresent()
                                ? name
                                : Spelling.closest(name, declaredNames).orElse(name));
                problems.add(key
                        + source.qualified(key)
                                .map(value -> "=\"" + value + "\"")
                                .orElse("")
                        + ": namespace " + namespace + " is neither this project's nor a provider's, so nothing"
                        + " reads this value (did you mean " + meant + "?)");
                continue;
            }
            if (!key.startsWith(prefix)) {
                continue;
            }
            String name = key.substring(prefix.length());
            Optional<ConfigKey<?>> declared = ConfigSchema.find(name);
            if (declared.isEmpty() && ConfigSchema.RETIRED.containsKey(name)) {
                problems.add(key + "=\"" + source.get(name).orElse("") + "\": " + ConfigSchema.RETIRED.get(name));
            } else if (declared.isEmpty()) {
                problems.add(key + ": not a configuration key of this project"
                        + Spelling.didYouMean(
                                name,
                                ConfigSchema.KEYS.stream().map(ConfigKey::name).toList())
                        + "; the keys are listed in Pulumi.yaml");
            } else if (declared.get().scope() != ConfigKey.Scope.ALL
                    && declared.get().scope() != scope
                    && source.get(name)
                            .filter(value -> !isDefault(declared.get(), value))
                            .isPresent()) {
                boolean environmentKey = declared.get().scope() == ConfigKey.Scope.ENVIRONMENT;
                problems.add(key + "=\"" + source.get(name).orElseThrow() + "\": read only by "
                        + (environmentKey ? "the environment stack" : "cluster stacks")
                        + ", so stack " + context.stack() + " would ignore it; set it in the "
                        + (environmentKey ? "environment's" : "clusters'") + " Pulumi.<stack>.yaml instead");
            }
        }
    }

    /** Whether {@code value}, as the CLI passes it, is the key's default (lists compared as JSON). */
    private static boolean isDefault(ConfigKey<?> key, String value) {
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

    // --- one reader per kind of key: record a problem and fall back to the default so that reading goes on ---

    @SuppressWarnings("unchecked") // each kind of key reads the type it declares
    private <T> T read(ConfigKey<T> key) {
        if (key instanceof StringKey k) {
            return (T) readString(k);
        } else if (key instanceof IntegerKey k) {
            return (T) readInteger(k);
        } else if (key instanceof BooleanKey k) {
            return (T) readBoolean(k);
        } else if (key instanceof ObjectListKey<?> k) {
            return (T) readObjects(k);
        } else {
            return (T) readList((StringListKey) key);
        }
    }

    private String readString(StringKey key) {
        String value = source.get(key.name()).orElse(key.defaultValue());
        Optional<String> structured = structuredValue(value);
        if (structured.isPresent()) {
            problem(key, value, "expected a string, not " + structured.get());
            return key.defaultValue();
        }
        Optional<String> broken = key.rule().problem(value, context);
        if (broken.isPresent()) {
            problem(key, value, ConfigRules.withQuotingHint(value, broken.get()));
            return key.defaultValue();
        }
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

    private Integer readInteger(IntegerKey key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return key.defaultValue();
        }
        String expected = "expected an integer from " + key.min() + " to " + key.max();
        int value;
        try {
            value = Integer.parseInt(raw.get().trim());
        } catch (NumberFormatException e) {
            problem(key, raw.get(), expected);
            return key.defaultValue();
        }
        if (value < key.min() || value > key.max()) {
            problem(key, raw.get(), expected);
            return key.defaultValue();
        }
        if (!key.allowed().isEmpty() && !key.allowed().contains(value)) {
            problem(
                    key,
                    raw.get(),
                    "expected one of "
                            + key.allowed().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            return key.defaultValue();
        }
        return value;
    }

    private Boolean readBoolean(BooleanKey key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return key.defaultValue();
        }
        return switch (raw.get().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, raw.get(), "expected true or false");
                yield key.defaultValue();
            }
        };
    }

    private List<String> readList(StringListKey key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return key.defaultValue();
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
            return key.defaultValue();
        }
        if (node.isEmpty() && key.whyNotEmpty().isPresent()) {
            problem(key, raw.get(), key.whyNotEmpty().get());
        }
        var items = new ArrayList<String>();
        var seen = new HashSet<String>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = qualified(key.name()) + "[" + i + "]";
            if (!item.isTextual()) {
                problems.add(where + "=" + item + ": expected a string");
                continue;
            }
            String value = item.asText();
            Optional<String> broken = key.itemRule().problem(value, context);
            if (broken.isPresent()) {
                problem(where, value, broken.get());
            } else if (!seen.add(value)) {
                problem(where, value, "listed twice; remove the duplicate");
            } else {
                items.add(value);
            }
        }
        return List.copyOf(items);
    }

    private <T> List<T> readObjects(ObjectListKey<T> key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return key.defaultValue();
        }
        JsonNode node;
        try {
            node = Mappers.JSON.readTree(raw.get());
        } catch (Exception e) {
            node = Mappers.JSON.getNodeFactory().textNode(raw.get());
        }
        return key.reader().read(qualified(key.name()), node, context, problems);
    }

    private void problem(ConfigKey<?> key, String value, String expected) {
        problem(qualified(key.name()), value, expected);
    }

    private void problem(String fullKey, String value, String expected) {
        problems.add(fullKey + "=\"" + value + "\": " + expected);
    }

    private String qualified(String name) {
        return project + ":" + name;
    }
}
