package io.vpclattice.multicluster.naming;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Physical names of what the stacks create, decided in one place. Pulumi logical names are
 * {@code <component>-<role>} and never change when these do.
 */
public final class Names {
    private Names() {}

    public static String eksCluster(String cluster) {
        return "eks-" + cluster;
    }

    public static String clientRole(String environmentName) {
        return environmentName + "-sigv4-client";
    }

    /** What the per-cluster roles are for, the last part of their names; the longest decides the names' length. */
    public static final List<String> CLUSTER_ROLE_PURPOSES = List.of(
            "eks-cluster",
            "eks-node",
            "gateway-controller",
            "external-dns",
            "sigv4-client",
            "dns-writer",
            "vpc-cni",
            "vpc-flow-logs");

    /** IAM's longest role name (IAM quotas; CreateRole RoleName). */
    static final int MAX_ROLE_NAME = 64;

    /**
     * Per-cluster IAM role, e.g. {@code vpc-lattice-ccpc-cluster1-gateway-controller}; at most 64 characters. Config
     * validation refuses longer ones first (limits.GeneratedValues); this throws only if it did not.
     */
    public static String clusterRole(String environmentName, String cluster, String purpose) {
        String name = clusterRoleUnchecked(environmentName, cluster, purpose);
        if (name.length() > MAX_ROLE_NAME) {
            throw new IllegalArgumentException("IAM role name longer than " + MAX_ROLE_NAME + " characters: " + name);
        }
        return name;
    }

    /** The name {@link #clusterRole} gives, without its check, for config validation to measure. */
    public static String clusterRoleUnchecked(String environmentName, String cluster, String purpose) {
        return environmentName + "-" + cluster + "-" + purpose;
    }

    /** The KMS alias of the key that encrypts the cluster's secrets. */
    public static String secretsKeyAlias(String eksCluster) {
        return "alias/" + eksCluster + "-secrets";
    }

    /** The security group of the cluster VPC's association with the service network. */
    public static String latticeSecurityGroup(String eksCluster) {
        return eksCluster + "-lattice-association";
    }

    public static String demoApp(String cluster) {
        return "demo-" + cluster + "-v1";
    }

    public static String demoRoute(String cluster) {
        return "demo-" + cluster;
    }

    public static String demoAuthPolicy(String cluster) {
        return demoRoute(cluster) + "-iam-auth-policy";
    }

    public static String demoHostname(String cluster, String domain) {
        return demoRoute(cluster) + "." + domain;
    }

    /** Where EKS writes control-plane logs; created by the stack so destroy removes it. */
    public static String controlPlaneLogGroup(String eksCluster) {
        return "/aws/eks/" + eksCluster + "/cluster";
    }

    /**
     * Where the service network's access logs go. Under {@code /aws/vendedlogs/}, as AWS advises for logs that
     * services deliver: their log-delivery resource policy then covers every such group at once.
     */
    public static String accessLogGroup(String serviceNetworkName) {
        return "/aws/vendedlogs/vpc-lattice/" + serviceNetworkName;
    }

    /** The environment's RAM share and Route 53 Profile, e.g. {@code vpc-lattice-ccpc-environment}. */
    public static String environmentShare(String environmentName) {
        return environmentName + "-environment";
    }

    /** The Route 53 Profile's association with the private zone. */
    public static String environmentShareZone(String environmentName) {
        return environmentShare(environmentName) + "-zone";
    }

    /**
     * The environment's role through which a cluster of another account writes its records into the private
     * zone, e.g. {@code vpc-lattice-ccpc-cluster2-dns-writer}.
     */
    public static String dnsWriterRole(String environmentName, String cluster) {
        return clusterRole(environmentName, cluster, "dns-writer");
    }

    /** The records a cluster owns in the private zone: its services are named {@code <name>-<cluster>}. */
    public static String ownedRecordNames(String cluster, String domain) {
        return "*-" + cluster + "." + domain;
    }

    /**
     * Another cluster whose records {@link #ownedRecordNames} of the given cluster would match too, because its name
     * ends in a hyphen and that name (stack team-x beside stack x), if there is one.
     */
    public static Optional<String> recordNameClash(String cluster, Collection<String> clusters) {
        return clusters.stream()
                .filter(other -> other.endsWith("-" + cluster))
                .sorted()
                .findFirst();
    }

    /** Self-managed (file, S3) backends take only the organisation {@code organization}; Pulumi Cloud its org. */
    public static String stackReference(String organization, String project, String stack) {
        return organization + "/" + project + "/" + stack;
    }

    /**
     * The kubectl context {@link #configureKubectl} adds: {@code aws eks update-kubeconfig --alias} names the context
     * (without it, the context is the cluster's ARN).
     */
    public static String kubeContext(String eksCluster) {
        return eksCluster;
    }

    /**
     * The command the seed README gives; the alias makes the kubectl context {@link #kubeContext}, and the role,
     * when the cluster's admin is one, is what kubectl authenticates as.
     */
    public static String configureKubectl(
            String eksCluster, String region, Optional<String> profile, Optional<String> assumeRoleArn) {
        return "aws eks update-kubeconfig --name " + eksCluster + " --alias " + kubeContext(eksCluster) + " --region "
                + region
                + profile.map(name -> " --profile " + name).orElse("")
                + assumeRoleArn.map(role -> " --role-arn " + role).orElse("");
    }

    /** VPC Lattice service names are 3 to 40 characters (CreateService API reference, ServiceName). */
    public static final int MAX_LATTICE_SERVICE_NAME = 40;

    /** The route of a configured service, named after the service and its cluster, like {@link #demoRoute}. */
    public static String serviceRoute(String service, String cluster) {
        return service + "-" + cluster;
    }

    /** A configured service's hostname: {@code <name>-<cluster>.<domain>}, which its cluster's DNS writer may write. */
    public static String serviceHostname(String service, String cluster, String domain) {
        return serviceRoute(service, cluster) + "." + domain;
    }

    /**
     * The Lattice service of a route, {@code <route>-<namespace>}: what the Gateway API Controller names it (it would
     * truncate the route to 20 and the namespace to 18 characters, so the program sets this name explicitly).
     */
    public static String latticeServiceName(String route, String namespace) {
        return route + "-" + namespace;
    }

    /** The IAMAuthPolicy object of a route. */
    public static String authPolicy(String route) {
        return route + "-iam-auth-policy";
    }

    /** The role that delivers the flow logs of the environment's placeholder VPC, named from environmentName alone. */
    public static String environmentFlowLogsRole(String environmentName) {
        return environmentName + "-zone-flow-logs";
    }
}
