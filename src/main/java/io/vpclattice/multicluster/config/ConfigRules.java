package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.config.ConfigKey.RuleContext;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.naming.NameRules;
import io.vpclattice.multicluster.naming.Partition;
import io.vpclattice.multicluster.network.Ipv4Cidr;
import io.vpclattice.multicluster.network.NatGateways;
import io.vpclattice.multicluster.network.SubnetPlan;
import io.vpclattice.multicluster.policies.CallerRule;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of the keys whose checks are not plain name syntax ({@link NameRules}): each returns what is expected
 * when a value breaks it. {@link ConfigSchema} names, for every key, the rule that checks it.
 */
public final class ConfigRules {
    private ConfigRules() {}

    private static final Pattern KUBERNETES_VERSION = Pattern.compile("1\\.(\\d{2})");
    static final int MIN_KUBERNETES_MINOR = 31;
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
    public static final List<Integer> LOG_RETENTION_DAYS = List.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public static final List<String> CONTROL_PLANE_LOG_TYPES =
            List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

    /**
     * The stack that builds the environment is decided from every stack file ({@link ProjectStacks}); the value
     * handed to this run must agree, or this stack would reference another environment than the others.
     */
    static Optional<String> environmentStack(String value, RuleContext context) {
        return NameRules.stackName(value)
                .or(() -> value.equals(context.stacks().environment())
                        ? Optional.empty()
                        : Optional.of("expected " + context.stacks().environment()
                                + ", the environment stack that Pulumi.yaml and the project's stack files name"
                                + " (`java -jar target/vpc-lattice-multicluster.jar stacks` lists the stacks)"));
    }

    static Optional<String> accountId(String value) {
        return ClusterAccounts.problem(value);
    }

    static Optional<String> certificateAuthorityArn(String value, RuleContext context) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = PRIVATE_CA_ARN.matcher(value);
        if (!m.matches()) {
            return Optional.of(
                    "expected an AWS Private CA ARN such as arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/<uuid>, or empty to create one");
        }
        String partition = Partition.ofRegion(context.region());
        if (!m.group(1).equals(partition)) {
            return Optional.of(wrongPartition(m.group(1), partition));
        }
        if (!m.group(2).equals(context.region())) {
            return Optional.of("expected a CA in " + context.region()
                    + ": ACM issues private certificates only from a CA in its own region");
        }
        return Optional.empty();
    }

    static Optional<String> vpcCidr(String value) {
        Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(value);
        if (cidr.isEmpty()) {
            return Optional.of("expected an IPv4 CIDR such as 10.0.0.0/16"
                    + Ipv4Cidr.aligned(value)
                            .filter(aligned -> !aligned.equals(value))
                            .map(aligned -> " (host bits set: did you mean " + aligned + "?)")
                            .orElse(""));
        }
        if (cidr.get().overlaps(LINK_LOCAL)) {
            return Optional.of(
                    "expected a range outside " + LINK_LOCAL
                            + ": VPC Lattice answers from 169.254.171.0/24, which the SigV4 sidecar redirects, so pods could not reach their own VPC");
        }
        int prefix = cidr.get().prefixLength();
        if (prefix < SubnetPlan.SMALLEST_PREFIX || prefix > SubnetPlan.LARGEST_PREFIX) {
            return Optional.of(
                    "expected a prefix from /" + SubnetPlan.SMALLEST_PREFIX + " to /" + SubnetPlan.LARGEST_PREFIX
                            + " (AWS allows /16 at most; smaller VPCs leave public subnets under /28)");
        }
        return Optional.empty();
    }

    static Optional<String> natGateways(String value) {
        return NatGateways.fromConfig(value).isPresent()
                ? Optional.empty()
                : Optional.of("expected one of single, perZone");
    }

    static Optional<String> kubernetesVersion(String value) {
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

    static Optional<String> instanceType(String value) {
        return INSTANCE_TYPE.matcher(value).matches()
                ? Optional.empty()
                : Optional.of("expected an EC2 instance type such as m5.large");
    }

    static Optional<String> principalArn(String value, RuleContext context) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher principal = PRINCIPAL_ARN.matcher(value);
        String partition = Partition.ofRegion(context.region());
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

    static Optional<String> publicAccessCidr(String value) {
        return Ipv4Cidr.parse(value).isPresent()
                ? Optional.empty()
                : Optional.of("expected an IPv4 CIDR such as 203.0.113.0/24");
    }

    static Optional<String> controlPlaneLogType(String value) {
        return CONTROL_PLANE_LOG_TYPES.contains(value)
                ? Optional.empty()
                : Optional.of("expected one of " + String.join(", ", CONTROL_PLANE_LOG_TYPES));
    }

    /** A caller must be a cluster stack of this project (or this stack) and a namespace. */
    static Optional<String> caller(String value, RuleContext context) {
        String[] parts = value.split("/", -1);
        if (parts.length != 2) {
            return Optional.of("expected <cluster stack>/<namespace>, such as cluster2/apps");
        }
        var known = new TreeSet<>(context.stacks().clusters());
        if (!context.stacks().isEnvironment(context.stack())) {
            known.add(context.stack());
        }
        if (!known.contains(parts[0])) {
            return Optional.of("expected a cluster stack of this project (" + String.join(", ", known)
                    + "): add Pulumi." + parts[0] + ".yaml or fix the name");
        }
        return NameRules.namespace(parts[1]);
    }

    /** A rule the value passed: {@code <cluster>/<namespace>}. */
    static CallerRule parseCaller(String value) {
        String[] parts = value.split("/", -1);
        return new CallerRule(parts[0], parts[1]);
    }

    static Optional<String> gatewayApiVersion(String value) {
        return GatewayApiCrds.isPinned(value)
                ? Optional.empty()
                : Optional.of(
                        "expected a pinned Gateway API release: " + String.join(", ", GatewayApiCrds.pinnedVersions()));
    }

    static Optional<String> controllerChart(String value) {
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

    static Optional<String> chartVersion(String value) {
        return value.matches("\\d+\\.\\d+\\.\\d+")
                ? Optional.empty()
                : Optional.of("expected a chart version such as 1.21.1");
    }

    /** What YAML reads as a number or a boolean when unquoted: the CLI then hands the program its text. */
    private static final Pattern YAML_NON_STRING = Pattern.compile(
            "[-+]?(\\.?\\d[\\d_]*(\\.\\d*)?([eE][-+]?\\d+)?|0[xob][0-9a-fA-F_]+|\\.inf|\\.Inf|\\.INF)|\\.nan|\\.NaN|\\.NAN|true|false|null");

    /**
     * The problem, with a hint where the value looks like what YAML reads as a number or boolean: a stack file's
     * unquoted {@code 012345678901} or {@code 1.30} reaches the program as the text Go prints for that number
     * ({@code 12345678901}, {@code 1.3}), so the value the user wrote never arrives.
     */
    public static String withQuotingHint(String value, String problem) {
        if (!YAML_NON_STRING.matcher(value.trim()).matches() || problem.contains("quote")) {
            return problem;
        }
        return problem + " (an unquoted number or boolean in a stack file reaches the program as \"" + value
                + "\": if that is what happened, quote the value as you meant it)";
    }

    private static String wrongPartition(String arnPartition, String regionPartition) {
        return "expected an ARN of partition " + regionPartition + " (the partition of aws:region), not " + arnPartition
                + ": resources of one partition cannot use principals or CAs of another";
    }
}
