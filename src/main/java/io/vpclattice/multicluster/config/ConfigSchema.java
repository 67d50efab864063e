package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.config.ConfigKey.Scope;
import io.vpclattice.multicluster.config.ConfigKey.Type;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every configuration key of the project, in one place, with its default. {@code Pulumi.yaml} declares the
 * same keys with the same types and defaults, and the README's config table lists them.
 */
@SuppressWarnings("BadImport") // Type is ConfigKey.Type: this class is the table of ConfigKeys
public final class ConfigSchema {
    private ConfigSchema() {}

    /** Provider key read by every stack; Lattice is regional, so all stacks must share it. */
    public static final String AWS_REGION = "aws:region";

    public static final String DEFAULT_REGION = "eu-west-1";

    public static final ConfigKey ENVIRONMENT_STACK = new ConfigKey(
            "environmentStack",
            Type.STRING,
            "environment",
            Scope.ALL,
            "Name of the stack that builds the shared environment; every other stack is a cluster stack that reads it through a stack reference.");
    public static final ConfigKey ENVIRONMENT_NAME = new ConfigKey(
            "environmentName",
            Type.STRING,
            "vpc-lattice-ccpc",
            Scope.ALL,
            "Prefix of account-wide names (IAM roles). Lowercase letters, digits and hyphens, at most 24 characters.");

    public static final ConfigKey DOMAIN = new ConfigKey(
            "domain",
            Type.STRING,
            "vpc-lattice-octank.io",
            Scope.ENVIRONMENT,
            "Private Route 53 domain of the services; the certificate covers it and *.<domain>.");
    public static final ConfigKey ORGANIZATION = new ConfigKey(
            "organization",
            Type.STRING,
            "octank",
            Scope.ENVIRONMENT,
            "Organisation (O) in the subject of the private root CA.");
    public static final ConfigKey SERVICE_NETWORK_NAME = new ConfigKey(
            "serviceNetworkName",
            Type.STRING,
            "lattice-gateway",
            Scope.ENVIRONMENT,
            "Name of the VPC Lattice service network; every cluster's Gateway carries the same name.");
    public static final ConfigKey CLIENT_NAMESPACES = new ConfigKey(
            "clientNamespaces",
            Type.STRING_LIST,
            List.of("apps"),
            Scope.ENVIRONMENT,
            "Kubernetes namespaces whose pods may assume the SigV4 client role.");
    public static final ConfigKey CERTIFICATE_AUTHORITY_ARN = new ConfigKey(
            "certificateAuthorityArn",
            Type.STRING,
            "",
            Scope.ENVIRONMENT,
            "ARN of an existing, ACTIVE AWS Private CA in this account and region to issue the certificate; empty creates a new root CA (about 400 USD a month).");
    public static final ConfigKey CA_DELETION_WINDOW_DAYS = new ConfigKey(
            "caDeletionWindowDays",
            Type.INTEGER,
            7,
            Scope.ENVIRONMENT,
            "Days (7 to 30) a destroyed private CA stays restorable before AWS deletes it.");
    public static final ConfigKey SHARED_WITH = new ConfigKey(
            "sharedWith",
            Type.STRING_LIST,
            List.of(),
            Scope.ENVIRONMENT,
            "Other AWS accounts that run cluster stacks: 12-digit account ids, an organization ARN or OU ARNs of the environment's AWS Organization. The service network, the private CA and a Route 53 Profile with the zone are shared with them through AWS RAM; empty keeps every cluster in the environment's account.");
    public static final ConfigKey ACCESS_LOG_RETENTION_DAYS = new ConfigKey(
            "accessLogRetentionDays",
            Type.INTEGER,
            30,
            Scope.ENVIRONMENT,
            "Days CloudWatch keeps the service network's access logs (a CloudWatch retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...).");

    public static final ConfigKey ACCOUNT_ID = new ConfigKey(
            "accountId",
            Type.STRING,
            "",
            Scope.CLUSTER,
            "AWS account this cluster stack runs in (12 digits); its credentials come from aws:profile or aws:assumeRole in its stack file. Empty: the environment's account. Other stacks read it to name this cluster's account in their auth policies.");
    public static final ConfigKey VPC_CIDR = new ConfigKey(
            "vpcCidr",
            Type.STRING,
            "10.0.0.0/16",
            Scope.CLUSTER,
            "IPv4 CIDR of the cluster VPC (/16 to /20). Clusters may overlap: that is the point of the pattern.");
    public static final ConfigKey AVAILABILITY_ZONE_COUNT = new ConfigKey(
            "availabilityZoneCount",
            Type.INTEGER,
            3,
            Scope.CLUSTER,
            "Availability zones (2 to 6) to spread subnets and nodes over.");
    public static final ConfigKey NAT_GATEWAYS = new ConfigKey(
            "natGateways",
            Type.STRING,
            "single",
            Scope.CLUSTER,
            "single: one NAT gateway for the VPC; perZone: one per availability zone.");
    public static final ConfigKey KUBERNETES_VERSION = new ConfigKey(
            "kubernetesVersion",
            Type.STRING,
            "1.35",
            Scope.CLUSTER,
            "EKS Kubernetes version, 1.31 or later (the Gateway API controller v2.1 needs 1.31).");
    public static final ConfigKey NODE_INSTANCE_TYPE = new ConfigKey(
            "nodeInstanceType",
            Type.STRING,
            "m5.large",
            Scope.CLUSTER,
            "EC2 instance type of the managed node group; Graviton types (m7g, c7g, ...) get the arm64 AMI.");
    public static final ConfigKey NODE_MIN_SIZE =
            new ConfigKey("nodeMinSize", Type.INTEGER, 3, Scope.CLUSTER, "Minimum number of nodes.");
    public static final ConfigKey NODE_DESIRED_SIZE = new ConfigKey(
            "nodeDesiredSize",
            Type.INTEGER,
            3,
            Scope.CLUSTER,
            "Number of nodes at creation; later changes by an autoscaler are left alone.");
    public static final ConfigKey NODE_MAX_SIZE =
            new ConfigKey("nodeMaxSize", Type.INTEGER, 10, Scope.CLUSTER, "Maximum number of nodes.");
    public static final ConfigKey CLUSTER_ADMIN_ARN = new ConfigKey(
            "clusterAdminArn",
            Type.STRING,
            "",
            Scope.CLUSTER,
            "IAM role or user ARN of the cluster's one admin access entry. A role is assumed by every kubeconfig (--role-arn), so everyone who runs pulumi must be allowed to assume it; empty gives the entry to whoever creates the cluster.");
    public static final ConfigKey ENDPOINT_PUBLIC_ACCESS_CIDRS = new ConfigKey(
            "endpointPublicAccessCidrs",
            Type.STRING_LIST,
            List.of("0.0.0.0/0"),
            Scope.CLUSTER,
            "CIDRs that may reach the public Kubernetes API endpoint (pulumi talks to it from where it runs).");
    public static final ConfigKey CONTROL_PLANE_LOG_TYPES = new ConfigKey(
            "controlPlaneLogTypes",
            Type.STRING_LIST,
            List.of("api", "audit", "authenticator"),
            Scope.CLUSTER,
            "Control-plane logs sent to CloudWatch: any of api, audit, authenticator, controllerManager, scheduler.");
    public static final ConfigKey ADDON_VERSIONS = new ConfigKey(
            "addonVersions",
            Type.STRING_LIST,
            List.of(),
            Scope.CLUSTER,
            "Pinned EKS add-on versions as <add-on>=<version> (vpc-cni, kube-proxy, eks-pod-identity-agent, coredns); an add-on not listed keeps the version EKS recommended when it was created.");
    public static final ConfigKey ALLOWED_CALLERS = new ConfigKey(
            "allowedCallers",
            Type.STRING_LIST,
            List.of(),
            Scope.CLUSTER,
            "Callers of this cluster's demo service as <cluster stack>/<namespace>; an empty list denies everyone.");
    public static final ConfigKey HTTP_LISTENER = new ConfigKey(
            "httpListener",
            Type.BOOLEAN,
            true,
            Scope.CLUSTER,
            "Keep the Lattice HTTP listener on port 80 beside HTTPS on 443 (requests on it still need SigV4).");
    public static final ConfigKey GATEWAY_API_VERSION = new ConfigKey(
            "gatewayApiVersion",
            Type.STRING,
            "v1.5.1",
            Scope.CLUSTER,
            "Gateway API standard-channel CRD release installed in each cluster (pinned with SHA-256 digests).");
    public static final ConfigKey GATEWAY_CONTROLLER_CHART_VERSION = new ConfigKey(
            "gatewayControllerChartVersion",
            Type.STRING,
            "v2.1.3",
            Scope.CLUSTER,
            "Version of the AWS Gateway API Controller Helm chart (v2.1.0 or later).");
    public static final ConfigKey EXTERNAL_DNS_CHART_VERSION = new ConfigKey(
            "externalDnsChartVersion", Type.STRING, "1.21.1", Scope.CLUSTER, "Version of the ExternalDNS Helm chart.");
    public static final ConfigKey DEMO_IMAGE = new ConfigKey(
            "demoImage",
            Type.STRING,
            "public.ecr.aws/seb-demo/http-server:latest",
            Scope.CLUSTER,
            "Image of the demo HTTP server.");
    public static final ConfigKey SIGV4_PROXY_IMAGE = new ConfigKey(
            "sigv4ProxyImage",
            Type.STRING,
            "public.ecr.aws/seb-demo/envoy-sigv4:v0.5",
            Scope.CLUSTER,
            "Image of the envoy sidecar that signs outgoing Lattice calls with SigV4 and speaks TLS.");
    public static final ConfigKey IPTABLES_IMAGE = new ConfigKey(
            "iptablesImage",
            Type.STRING,
            "public.ecr.aws/seb-demo/iptables:v1",
            Scope.CLUSTER,
            "Image of the init container that redirects Lattice-bound traffic to the sidecar.");

    public static final List<ConfigKey> KEYS = List.of(
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
            NODE_INSTANCE_TYPE,
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
            IPTABLES_IMAGE);

    private static final Map<String, ConfigKey> BY_NAME =
            KEYS.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

    public static Optional<ConfigKey> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
