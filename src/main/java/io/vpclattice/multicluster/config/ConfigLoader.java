package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.config.ConfigKey.RuleContext;
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

import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    private final ConfigValues values;

    private ConfigLoader(ConfigSource source, String project, RuleContext context) {
        this.source = source;
        this.project = project;
        this.context = context;
        this.values = new ConfigValues(source, project, context);
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
        NameRules.region(region).ifPresent(p -> loader.values.problem(ConfigSchema.AWS_REGION, region, p));
        return loader.readStack(organization);
    }

    private StackConfig readStack(String organization) {
        String stack = context.stack();
        ProjectStacks stacks = context.stacks();
        values.read(ENVIRONMENT_STACK);
        String environmentName = values.read(ENVIRONMENT_NAME);
        boolean environment = stacks.isEnvironment(stack);
        var accounts = stacks.accounts();
        if (!environment) {
            // This run's own value, as the CLI hands it over, is the one the stack uses.
            String own = values.read(ACCOUNT_ID);
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
        if (!values.problems().isEmpty()) {
            throw new ConfigException(values.problems());
        }
        return config;
    }

    private EnvironmentStackConfig readEnvironment(Common common) {
        String caArn = values.read(CERTIFICATE_AUTHORITY_ARN);
        var config = new EnvironmentStackConfig(
                common,
                values.read(DOMAIN),
                values.read(ORGANIZATION),
                values.read(SERVICE_NETWORK_NAME),
                values.read(CLIENT_NAMESPACES),
                caArn.isEmpty() ? Optional.empty() : Optional.of(caArn),
                values.read(CA_DELETION_WINDOW_DAYS),
                SharedWith.of(values.read(SHARED_WITH)),
                values.read(ACCESS_LOG_RETENTION_DAYS),
                values.read(FLOW_LOG_RETENTION_DAYS));
        if (values.problems().isEmpty()) {
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
                .forEach(line -> values.problem(project + ": " + line));
        GeneratedValues.environmentPolicies(
                        common.partition(),
                        common.region(),
                        common.environmentName(),
                        List.copyOf(namespaces),
                        config.sharedWith(),
                        members,
                        memberNamespaces)
                .forEach(line -> values.problem(project + ":" + line));
    }

    /** The names the cluster builds from several keys, and each service's auth policy, against AWS's limits. */
    private void checkGeneratedValues(ClusterStackConfig config) {
        var common = config.common();
        GeneratedValues.clusterNames(project, common.environmentName(), common.stack(), Workload.DEMO_NAMESPACE)
                .forEach(line -> values.problem(project + ": " + line));
        var accounts = common.clusterAccounts();
        if (config.runsDemo()) {
            GeneratedValues.servicePolicy(
                            common.partition(),
                            ALLOWED_CALLERS.name(),
                            Names.demoRoute(common.stack()),
                            withAccounts(config.demo().allowedCallers(), accounts))
                    .forEach(line -> values.problem(project + ":" + line));
        }
        for (int i = 0; i < config.services().size(); i++) {
            var service = config.services().get(i);
            GeneratedValues.servicePolicy(
                            common.partition(),
                            SERVICES.name() + "[" + i + "].callers",
                            Names.serviceRoute(service.name(), common.stack()),
                            withAccounts(service.callers(), accounts))
                    .forEach(line -> values.problem(project + ":" + line));
        }
        var ownNamespaces = List.copyOf(common.calls().clientNamespaces(common.stack()));
        accounts.configured(common.stack())
                .flatMap(account -> ClientRoleTrust.problem(
                        Names.clusterRoleUnchecked(common.environmentName(), common.stack(), "sigv4-client"),
                        ownNamespaces,
                        Names.eksCluster(common.stack())))
                .ifPresent(problem -> values.problem(project + ": the client namespaces of " + common.stack()
                        + " (its services' and callers'), for its own client role: " + problem));
    }

    private static List<Caller> withAccounts(List<CallerRule> rules, ClusterAccounts accounts) {
        return rules.stream()
                .map(rule -> new Caller(rule, accounts.accountOf(rule.cluster(), ClientRoleTrust.ANY_ACCOUNT)))
                .toList();
    }

    private ClusterStackConfig readCluster(Common common) {
        NameRules.clusterName(common.stack())
                .ifPresent(p -> values.problem("stack name \"" + common.stack() + "\": " + p
                        + "; rename the stack, or set " + values.qualified(ENVIRONMENT_STACK.name())
                        + " if this is meant to be the environment"));

        var network = new ClusterStackConfig.Network(
                Ipv4Cidr.of(values.read(VPC_CIDR)),
                values.read(AVAILABILITY_ZONE_COUNT),
                NatGateways.fromConfig(values.read(NAT_GATEWAYS)).orElseThrow(),
                values.read(FLOW_LOG_RETENTION_DAYS),
                values.read(INTERFACE_ENDPOINTS));
        var eks = readEks();
        var platform = new ClusterStackConfig.Platform(
                values.read(GATEWAY_API_VERSION),
                values.read(GATEWAY_CONTROLLER_CHART_VERSION),
                values.read(EXTERNAL_DNS_CHART_VERSION),
                values.read(KYVERNO_CHART_VERSION),
                values.read(HTTP_LISTENER));
        var demo = new ClusterStackConfig.Demo(
                values.read(DEMO_IMAGE),
                values.read(SIGV4_PROXY_IMAGE),
                values.read(IPTABLES_IMAGE),
                values.read(ALLOWED_CALLERS).stream()
                        .map(ConfigRules::parseCaller)
                        .toList());
        List<ServiceConfig> services = readServices();

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
        if (values.problems().isEmpty()) {
            checkGeneratedValues(config);
        }
        return config;
    }

    private ClusterStackConfig.Eks readEks() {
        var scaling = readNodeScaling();
        var pins = readAddonPins();
        List<String> instanceTypes = values.read(NODE_INSTANCE_TYPES);
        NodeGroups.problem(instanceTypes)
                .ifPresent(p -> values.problem(
                        NODE_INSTANCE_TYPES,
                        source.get(NODE_INSTANCE_TYPES.name()).orElse(String.join(",", instanceTypes)),
                        p));
        boolean publicEndpoint = values.read(ENDPOINT_PUBLIC_ACCESS);
        List<String> publicCidrs = values.read(ENDPOINT_PUBLIC_ACCESS_CIDRS);
        Optional<String> cidrsSet = source.get(ENDPOINT_PUBLIC_ACCESS_CIDRS.name())
                .filter(value -> !ConfigValues.isDefault(ENDPOINT_PUBLIC_ACCESS_CIDRS, value));
        if (!publicEndpoint && cidrsSet.isPresent()) {
            // Private only: EKS ignores publicAccessCidrs then, and a list that seems to restrict a public endpoint
            // that does not exist says the intent is unclear.
            values.problem(
                    ENDPOINT_PUBLIC_ACCESS_CIDRS,
                    cidrsSet.get(),
                    "only for a public endpoint, and " + values.qualified(ENDPOINT_PUBLIC_ACCESS.name())
                            + " is false (private only): remove it, or set endpointPublicAccess to true");
        }
        String admin = values.read(CLUSTER_ADMIN_ARN);
        Optional<String> adminArn = admin.isEmpty() ? Optional.empty() : Optional.of(admin);
        ClusterAccess.externalIdProblem(
                        adminArn,
                        source.awsAssumeRoleArn(),
                        source.awsAssumeRoleExternalId(),
                        values.qualified(CLUSTER_ADMIN_ARN.name()))
                .ifPresent(values::problem);
        return new ClusterStackConfig.Eks(
                values.read(KUBERNETES_VERSION),
                instanceTypes,
                scaling,
                adminArn,
                publicEndpoint,
                publicCidrs,
                values.read(CONTROL_PLANE_LOG_TYPES),
                pins);
    }

    private ClusterStackConfig.NodeScaling readNodeScaling() {
        int min = values.read(NODE_MIN_SIZE);
        int desired = values.read(NODE_DESIRED_SIZE);
        int max = values.read(NODE_MAX_SIZE);
        if (min > desired || desired > max) {
            values.problem(values.qualified(NODE_MIN_SIZE.name()) + "=" + min + ", "
                    + values.qualified(NODE_DESIRED_SIZE.name()) + "="
                    + desired + ", " + values.qualified(NODE_MAX_SIZE.name()) + "=" + max
                    + ": expected nodeMinSize <= nodeDesiredSize <= nodeMaxSize");
        }
        return new ClusterStackConfig.NodeScaling(min, desired, max);
    }

    /** One version per add-on, and a VPC CNI pin recent enough for EKS Pod Identity. */
    private Map<String, String> readAddonPins() {
        List<String> addonPins = values.read(ADDON_VERSIONS);
        var pinnedAddons = new HashSet<String>();
        for (String pin : addonPins) {
            String addon = pin.substring(0, pin.indexOf('='));
            if (!pinnedAddons.add(addon)) {
                values.problem(
                        values.qualified(ADDON_VERSIONS.name()),
                        pin,
                        "pins " + addon + " a second time; keep one version per add-on");
            }
        }
        var pins = AddonVersions.pins(addonPins);
        Optional.ofNullable(pins.get(VpcCni.ADDON))
                .flatMap(VpcCni::pinProblem)
                .ifPresent(p -> values.problem(
                        values.qualified(ADDON_VERSIONS.name()), VpcCni.ADDON + "=" + pins.get(VpcCni.ADDON), p));
        return pins;
    }

    /** The services replace the demo: a demo setting beside them would be ignored, so it is refused. */
    private List<ServiceConfig> readServices() {
        List<ServiceConfig> services = values.read(SERVICES);
        if (!services.isEmpty()) {
            for (ConfigKey<?> demoKey : List.<ConfigKey<?>>of(ALLOWED_CALLERS, DEMO_IMAGE)) {
                source.get(demoKey.name())
                        .filter(value -> !ConfigValues.isDefault(demoKey, value))
                        .ifPresent(value -> values.problem(
                                values.qualified(SERVICES.name()) + " and " + values.qualified(demoKey.name())
                                        + " are both set: the services replace the demo, which " + demoKey.name()
                                        + " configures; set the callers of each service in its entry and remove "
                                        + demoKey.name()));
            }
        }
        return services;
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
                values.problem(key
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
                values.problem(key + "=\"" + source.get(name).orElse("") + "\": " + ConfigSchema.RETIRED.get(name));
            } else if (declared.isEmpty()) {
                values.problem(key + ": not a configuration key of this project"
                        + Spelling.didYouMean(
                                name,
                                ConfigSchema.KEYS.stream().map(ConfigKey::name).toList())
                        + "; the keys are listed in Pulumi.yaml");
            } else if (declared.get().scope() != ConfigKey.Scope.ALL
                    && declared.get().scope() != scope
                    && source.get(name)
                            .filter(value -> !ConfigValues.isDefault(declared.get(), value))
                            .isPresent()) {
                boolean environmentKey = declared.get().scope() == ConfigKey.Scope.ENVIRONMENT;
                values.problem(key + "=\"" + source.get(name).orElseThrow() + "\": read only by "
                        + (environmentKey ? "the environment stack" : "cluster stacks")
                        + ", so stack " + context.stack() + " would ignore it; set it in the "
                        + (environmentKey ? "environment's" : "clusters'") + " Pulumi.<stack>.yaml instead");
            }
        }
    }
}
