package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.config.ConfigKey.BooleanKey;
import io.vpclattice.multicluster.config.ConfigKey.IntegerKey;
import io.vpclattice.multicluster.config.ConfigKey.ObjectListKey;
import io.vpclattice.multicluster.config.ConfigKey.Rule;
import io.vpclattice.multicluster.config.ConfigKey.Scope;
import io.vpclattice.multicluster.config.ConfigKey.StringKey;
import io.vpclattice.multicluster.config.ConfigKey.StringListKey;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.naming.NameRules;
import io.vpclattice.multicluster.network.SubnetPlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every configuration key of the project, in one place: its type, default, the stacks that read it, its meaning
 * and the rule its values must pass. {@code Pulumi.yaml}'s config block and the README's config table are generated
 * from this list ({@link ConfigDocs}; a test holds them equal), and {@link ConfigLoader} checks every value with
 * the rule named here.
 */
public final class ConfigSchema {
    private ConfigSchema() {}

    /** Provider key read by every stack; Lattice is regional, so all stacks must share it. */
    public static final String AWS_REGION = "aws:region";

    public static final String DEFAULT_REGION = "eu-west-1";

    /** EKS managed node groups scale to at most 450 nodes (EKS service quotas, "Nodes per managed node group"). */
    static final int MAX_NODES = 450;

    public static final StringKey ENVIRONMENT_STACK = new StringKey(
            "environmentStack",
            "environment",
            Scope.ALL,
            "Name of the stack that builds the shared environment; every other stack is a cluster stack that reads it through a stack reference.",
            ConfigRules::environmentStack);

    public static final StringKey ENVIRONMENT_NAME = new StringKey(
            "environmentName",
            "vpc-lattice-ccpc",
            Scope.ALL,
            "Prefix of account-wide names (IAM roles). Lowercase letters, digits and hyphens, at most 24 characters.",
            Rule.of(NameRules::environmentName));

    public static final StringKey DOMAIN = new StringKey(
            "domain",
            "vpc-lattice-octank.io",
            Scope.ENVIRONMENT,
            "Private Route 53 domain of the services; the certificate covers it and *.<domain>.",
            Rule.of(NameRules::domain));

    public static final StringKey ORGANIZATION = new StringKey(
            "organization",
            "octank",
            Scope.ENVIRONMENT,
            "Organisation (O) in the subject of the private root CA.",
            Rule.of(NameRules::organization));

    public static final StringKey SERVICE_NETWORK_NAME = new StringKey(
            "serviceNetworkName",
            "lattice-gateway",
            Scope.ENVIRONMENT,
            "Name of the VPC Lattice service network; every cluster's Gateway carries the same name.",
            Rule.of(NameRules::serviceNetworkName));

    public static final StringListKey CLIENT_NAMESPACES = new StringListKey(
            "clientNamespaces",
            List.of("apps"),
            Scope.ENVIRONMENT,
            "Kubernetes namespaces whose pods may assume the SigV4 client role.",
            Rule.of(NameRules::namespace),
            Optional.of("expected at least one namespace: without one no pod can call a service"));

    public static final StringKey CERTIFICATE_AUTHORITY_ARN = new StringKey(
            "certificateAuthorityArn",
            "",
            Scope.ENVIRONMENT,
            "ARN of an existing, ACTIVE AWS Private CA in this account and region to issue the certificate; empty creates a new root CA (about 400 USD a month).",
            ConfigRules::certificateAuthorityArn);

    public static final IntegerKey CA_DELETION_WINDOW_DAYS = new IntegerKey(
            "caDeletionWindowDays",
            7,
            Scope.ENVIRONMENT,
            "Days (7 to 30) a destroyed private CA stays restorable before AWS deletes it.",
            7,
            30);

    public static final StringListKey SHARED_WITH = new StringListKey(
            "sharedWith",
            List.of(),
            Scope.ENVIRONMENT,
            "Other AWS accounts that run cluster stacks: 12-digit account ids, an organization ARN or OU ARNs of the environment's AWS Organization. The service network, the private CA and a Route 53 Profile with the zone are shared with them through AWS RAM; empty keeps every cluster in the environment's account.",
            Rule.of(SharedWith::problem));

    public static final IntegerKey ACCESS_LOG_RETENTION_DAYS = new IntegerKey(
            "accessLogRetentionDays",
            30,
            Scope.ENVIRONMENT,
            "Days CloudWatch keeps the service network's access logs (a CloudWatch retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...).",
            1,
            3653,
            ConfigRules.LOG_RETENTION_DAYS);

    public static final StringKey ACCOUNT_ID = new StringKey(
            "accountId",
            "",
            Scope.CLUSTER,
            "AWS account this cluster stack runs in (12 digits); its credentials come from aws:profile or aws:assumeRole in its stack file. Empty: the environment's account. Other stacks read it to name this cluster's account in their auth policies.",
            Rule.of(ConfigRules::accountId));

    public static final StringKey VPC_CIDR = new StringKey(
            "vpcCidr",
            "10.0.0.0/16",
            Scope.CLUSTER,
            "IPv4 CIDR of the cluster VPC (/16 to /20). Clusters may overlap: that is the point of the pattern.",
            Rule.of(ConfigRules::vpcCidr));

    public static final IntegerKey AVAILABILITY_ZONE_COUNT = new IntegerKey(
            "availabilityZoneCount",
            3,
            Scope.CLUSTER,
            "Availability zones (2 to 6) to spread subnets and nodes over.",
            SubnetPlan.MIN_ZONES,
            SubnetPlan.MAX_ZONES);

    public static final StringKey NAT_GATEWAYS = new StringKey(
            "natGateways",
            "single",
            Scope.CLUSTER,
            "single: one NAT gateway for the VPC; perZone: one per availability zone.",
            Rule.of(ConfigRules::natGateways));

    public static final StringKey KUBERNETES_VERSION = new StringKey(
            "kubernetesVersion",
            "1.35",
            Scope.CLUSTER,
            "EKS Kubernetes version, 1.31 or later (the Gateway API controller v2.1 needs 1.31). On a running cluster, one minor version above what it runs (an upgrade: control plane, nodes, then add-ons) or the same; see the README, Upgrade a cluster.",
            Rule.of(ConfigRules::kubernetesVersion));

    public static final IntegerKey NODE_MIN_SIZE =
            new IntegerKey("nodeMinSize", 3, Scope.CLUSTER, "Minimum number of nodes.", 0, MAX_NODES);

    public static final IntegerKey NODE_DESIRED_SIZE = new IntegerKey(
            "nodeDesiredSize",
            3,
            Scope.CLUSTER,
            "Number of nodes at creation; later changes by an autoscaler are left alone.",
            1,
            MAX_NODES);

    public static final IntegerKey NODE_MAX_SIZE =
            new IntegerKey("nodeMaxSize", 10, Scope.CLUSTER, "Maximum number of nodes.", 1, MAX_NODES);

    public static final StringKey CLUSTER_ADMIN_ARN = new StringKey(
            "clusterAdminArn",
            "",
            Scope.CLUSTER,
            "IAM role or user ARN of the cluster's one admin access entry. A role is assumed by every kubeconfig (--role-arn), so everyone who runs pulumi must be allowed to assume it; empty gives the entry to whoever creates the cluster.",
            ConfigRules::principalArn);

    public static final StringListKey ENDPOINT_PUBLIC_ACCESS_CIDRS = new StringListKey(
            "endpointPublicAccessCidrs",
            List.of("0.0.0.0/0"),
            Scope.CLUSTER,
            "CIDRs that may reach the public Kubernetes API endpoint (pulumi talks to it from where it runs); only with endpointPublicAccess true.",
            Rule.of(ConfigRules::publicAccessCidr),
            Optional.of("expected at least one CIDR: pulumi reaches the Kubernetes API through the public endpoint"));

    public static final StringListKey CONTROL_PLANE_LOG_TYPES = new StringListKey(
            "controlPlaneLogTypes",
            List.of("api", "audit", "authenticator"),
            Scope.CLUSTER,
            "Control-plane logs sent to CloudWatch: any of api, audit, authenticator, controllerManager, scheduler.",
            Rule.of(ConfigRules::controlPlaneLogType));

    public static final StringListKey ADDON_VERSIONS = new StringListKey(
            "addonVersions",
            List.of(),
            Scope.CLUSTER,
            "Pinned EKS add-on versions as <add-on>=<version> (vpc-cni, kube-proxy, eks-pod-identity-agent, coredns; vpc-cni v1.15.5 or later); an add-on not listed runs the version EKS recommends for kubernetesVersion, chosen at creation and at each upgrade and kept in between.",
            Rule.of(AddonVersions::problem));

    public static final StringListKey ALLOWED_CALLERS = new StringListKey(
            "allowedCallers",
            List.of(),
            Scope.CLUSTER,
            "Callers of this cluster's demo service as <cluster stack>/<namespace>; an empty list denies everyone.",
            ConfigRules::caller);

    public static final BooleanKey HTTP_LISTENER = new BooleanKey(
            "httpListener",
            true,
            Scope.CLUSTER,
            "Keep the Lattice HTTP listener on port 80 beside HTTPS on 443 (requests on it still need SigV4).");

    public static final StringKey GATEWAY_API_VERSION = new StringKey(
            "gatewayApiVersion",
            "v1.5.1",
            Scope.CLUSTER,
            "Gateway API standard-channel CRD release installed in each cluster (pinned with SHA-256 digests).",
            Rule.of(ConfigRules::gatewayApiVersion));

    public static final StringKey GATEWAY_CONTROLLER_CHART_VERSION = new StringKey(
            "gatewayControllerChartVersion",
            "v2.1.3",
            Scope.CLUSTER,
            "Version of the AWS Gateway API Controller Helm chart (v2.1.0 or later).",
            Rule.of(ConfigRules::controllerChart));

    public static final StringKey EXTERNAL_DNS_CHART_VERSION = new StringKey(
            "externalDnsChartVersion",
            "1.21.1",
            Scope.CLUSTER,
            "Version of the ExternalDNS Helm chart.",
            Rule.of(ConfigRules::chartVersion));

    public static final StringKey DEMO_IMAGE = new StringKey(
            "demoImage",
            "public.ecr.aws/seb-demo/http-server:v1.10",
            Scope.CLUSTER,
            "Image of the demo HTTP server (a version tag, as the AWS workshop of the pattern pins it; the seed used latest).",
            Rule.of(NameRules::containerImage));

    public static final StringKey SIGV4_PROXY_IMAGE = new StringKey(
            "sigv4ProxyImage",
            "public.ecr.aws/seb-demo/envoy-sigv4:v0.5",
            Scope.CLUSTER,
            "Image of the envoy sidecar that signs outgoing Lattice calls with SigV4 and speaks TLS.",
            Rule.of(NameRules::containerImage));

    public static final StringKey IPTABLES_IMAGE = new StringKey(
            "iptablesImage",
            "public.ecr.aws/seb-demo/iptables:v1",
            Scope.CLUSTER,
            "Image of the init container that redirects Lattice-bound traffic to the sidecar.",
            Rule.of(NameRules::containerImage));

    public static final ObjectListKey<ServiceConfig> SERVICES = new ObjectListKey<>(
            "services",
            Scope.CLUSTER,
            "Services this cluster publishes through VPC Lattice, in place of the demo: each an object with name (its hostname is <name>-<cluster>.<domain>), image, port (the container's), callers (<cluster stack>/<namespace>; none denies everyone), and optionally namespace (default apps) and replicas (default 1).",
            (key, list, context, problems) -> ServiceConfig.read(key, list, context.stack(), context, problems));

    public static final StringKey KYVERNO_CHART_VERSION = new StringKey(
            "kyvernoChartVersion",
            "3.9.0",
            Scope.CLUSTER,
            "Version of the Kyverno Helm chart (3.9.0 runs Kyverno 1.19): its policy adds the SigV4 sidecar to pods labelled vpc-lattice-multicluster/sigv4: \"true\" in client namespaces.",
            Rule.of(ConfigRules::chartVersion));

    public static final StringListKey NODE_INSTANCE_TYPES = new StringListKey(
            "nodeInstanceTypes",
            List.of("m5.large", "m5a.large", "m6i.large"),
            Scope.CLUSTER,
            "EC2 instance types of the managed node group, of one architecture and best of one size and pod density, in the order EKS tries them (at most 20); Graviton types (m7g, c7g, ...) get the arm64 AMI. Changing the list replaces the node group (new nodes first). Replaces nodeInstanceType.",
            Rule.of(ConfigRules::instanceType),
            Optional.of("expected at least one instance type"));

    public static final IntegerKey FLOW_LOG_RETENTION_DAYS = new IntegerKey(
            "flowLogRetentionDays",
            30,
            Scope.ALL,
            "Days CloudWatch keeps each VPC's flow logs of rejected traffic (a CloudWatch retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...).",
            1,
            3653,
            ConfigRules.LOG_RETENTION_DAYS);

    public static final BooleanKey ENDPOINT_PUBLIC_ACCESS = new BooleanKey(
            "endpointPublicAccess",
            true,
            Scope.CLUSTER,
            "Keep the public Kubernetes API endpoint (limited to endpointPublicAccessCidrs). false: private only, which then needs pulumi, kubectl and the scripts to run inside the cluster's VPC or a network connected to it.");

    public static final BooleanKey INTERFACE_ENDPOINTS = new BooleanKey(
            "interfaceEndpoints",
            false,
            Scope.CLUSTER,
            "Create VPC endpoints in the cluster VPC: interface endpoints for EC2, ECR (API and registry), STS and CloudWatch Logs in every zone, an S3 gateway endpoint, and Systems Manager (ssm, ssm-contacts, ssm-incidents) in one zone; about 145 USD a month per VPC with 3 zones.");

    /**
     * Keys of earlier versions that are no longer read, each with what replaces it: a stack file that still sets one
     * is refused with that, rather than as a typo.
     */
    public static final Map<String, String> RETIRED = Map.of(
            "nodeInstanceType",
            "replaced by nodeInstanceTypes, a list of instance types (default [m5.large, m5a.large, m6i.large]): set"
                    + " nodeInstanceTypes to the types you want, e.g. [\"m5.large\"] for this one alone, and remove"
                    + " nodeInstanceType");

    public static final List<ConfigKey<?>> KEYS = List.of(
            ENVIRONMENT_STACK,
            ENVIRONMENT_NAME,
            DOMAIN,
            ORGANIZATION,
            SERVICE_NETWORK_NAME,
            CLIENT_NAMESPACES,
            CERTIFICATE_AUTHORITY_ARN,
            CA_DELETION_WINDOW_DAYS,
            SHARED_WITH,
            ACCESS_LOG_RETENTION_DAYS,
            ACCOUNT_ID,
            VPC_CIDR,
            AVAILABILITY_ZONE_COUNT,
            NAT_GATEWAYS,
            KUBERNETES_VERSION,
            NODE_MIN_SIZE,
            NODE_DESIRED_SIZE,
            NODE_MAX_SIZE,
            CLUSTER_ADMIN_ARN,
            ENDPOINT_PUBLIC_ACCESS_CIDRS,
            CONTROL_PLANE_LOG_TYPES,
            ADDON_VERSIONS,
            ALLOWED_CALLERS,
            HTTP_LISTENER,
            GATEWAY_API_VERSION,
            GATEWAY_CONTROLLER_CHART_VERSION,
            EXTERNAL_DNS_CHART_VERSION,
            DEMO_IMAGE,
            SIGV4_PROXY_IMAGE,
            IPTABLES_IMAGE,
            SERVICES,
            KYVERNO_CHART_VERSION,
            NODE_INSTANCE_TYPES,
            FLOW_LOG_RETENTION_DAYS,
            ENDPOINT_PUBLIC_ACCESS,
            INTERFACE_ENDPOINTS);

    private static final Map<String, ConfigKey<?>> BY_NAME =
            KEYS.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

    public static Optional<ConfigKey<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
