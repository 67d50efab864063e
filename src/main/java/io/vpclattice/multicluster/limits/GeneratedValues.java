package io.vpclattice.multicluster.limits;

import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.policies.Caller;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The names and policies the stacks build from several keys or from lists, checked against what AWS and the provider
 * allow, before any resource: each key may be valid alone and their product not. Every problem is one line that
 * says what was built, from which keys, its size and the limit with its source.
 *
 * <p>Account ids are not known offline; each has 12 digits, so {@link ClientRoleTrust#ANY_ACCOUNT} stands in for them
 * where only the size counts.
 */
public final class GeneratedValues {
    private GeneratedValues() {}

    /** A CA ARN has a fixed length: {@code certificate-authority/} and a 36-character UUID. */
    static final String ANY_CA_ID = "00000000-0000-0000-0000-000000000000";

    /**
     * The environment stack's names: the SigV4 client role, the DNS writer role of each cluster of another account,
     * the RAM share and Route 53 Profile with its zone association, the access log group, and their Name tags.
     *
     * @param memberClusters the cluster stacks of other accounts than the environment's
     */
    public static List<String> environmentNames(
            String project,
            String stack,
            String environmentName,
            String serviceNetworkName,
            String domain,
            Collection<String> memberClusters) {
        var problems = new ArrayList<String>();
        String clientRole = Names.clientRole(environmentName);
        add(
                problems,
                "IAM role name " + clientRole + " (environmentName + -sigv4-client)",
                IamLimits.roleName(clientRole));
        String flowLogs = Names.environmentFlowLogsRole(environmentName);
        add(
                problems,
                "IAM role name " + flowLogs + " (environmentName + -zone-flow-logs)",
                IamLimits.roleName(flowLogs));
        for (String cluster : new TreeSet<>(memberClusters)) {
            String writer = Names.clusterRoleUnchecked(environmentName, cluster, "dns-writer");
            add(
                    problems,
                    "IAM role name " + writer + " (environmentName + cluster stack " + cluster + " + -dns-writer)",
                    IamLimits.roleName(writer));
        }
        for (String profile :
                List.of(Names.environmentShare(environmentName), Names.environmentShareZone(environmentName))) {
            add(
                    problems,
                    "Route 53 Profiles name " + profile + " (environmentName)",
                    ResourceNames.route53ProfileName(profile));
        }
        String logGroup = Names.accessLogGroup(serviceNetworkName);
        add(problems, "log group " + logGroup + " (serviceNetworkName)", ResourceNames.logGroupName(logGroup));
        var tags = new Tags(project, stack);
        for (String named : List.of(domain, serviceNetworkName, clientRole, Names.environmentShare(environmentName))) {
            tags(problems, tags.named(named));
        }
        return List.copyOf(problems);
    }

    /**
     * A cluster stack's names: its roles, the EKS cluster, its log group, KMS alias and security group, its Route 53
     * Profile association, the Lattice service the controller derives for the demo route, and their Name tags.
     *
     * @param routeNamespace the demo route's namespace, from which the controller names the Lattice service
     */
    public static List<String> clusterNames(
            String project, String environmentName, String cluster, String routeNamespace) {
        var problems = new ArrayList<String>();
        for (String purpose : Names.CLUSTER_ROLE_PURPOSES) {
            String role = Names.clusterRoleUnchecked(environmentName, cluster, purpose);
            add(
                    problems,
                    "IAM role name " + role + " (environmentName + stack name " + cluster + " + -" + purpose + ")",
                    IamLimits.roleName(role));
        }
        String eks = Names.eksCluster(cluster);
        add(problems, "EKS cluster name " + eks + " (stack name)", ResourceNames.eksClusterName(eks));
        String logGroup = Names.controlPlaneLogGroup(eks);
        add(problems, "log group " + logGroup + " (stack name)", ResourceNames.logGroupName(logGroup));
        String alias = Names.secretsKeyAlias(eks);
        add(problems, "KMS alias " + alias + " (stack name)", ResourceNames.kmsAlias(alias));
        String group = Names.latticeSecurityGroup(eks);
        add(problems, "security group " + group + " (stack name)", ResourceNames.securityGroupName(group));
        add(
                problems,
                "Route 53 Profiles association name " + eks + " (stack name)",
                ResourceNames.route53ProfileName(eks));
        String service = LatticeLimits.controllerServiceName(Names.demoRoute(cluster), routeNamespace);
        add(
                problems,
                "Lattice service " + service + " (the controller's name for route " + Names.demoRoute(cluster) + ")",
                LatticeLimits.serviceName(service));
        var tags = new Tags(project, cluster);
        for (String named :
                List.of(eks, group, alias, Names.clusterRoleUnchecked(environmentName, cluster, "sigv4-client"))) {
            tags(problems, tags.named(named));
        }
        return List.copyOf(problems);
    }

    /**
     * The environment's policies built from lists: the trust policy of the SigV4 client role ({@code
     * clientNamespaces}), and of each member's own client role, which also names its cluster; the client role's
     * permissions (one resource per account that runs a cluster); the service network's auth policy ({@code
     * sharedWith} and the member accounts).
     *
     * @param clientNamespaces the namespaces the environment's client role trusts: {@code clientNamespaces} and the
     *                         client namespaces of the clusters of its account
     * @param memberClusters   the cluster stacks of other accounts, by name, with their accounts
     * @param memberNamespaces the client namespaces of each of them, which its own client role trusts
     */
    public static List<String> environmentPolicies(
            String partition,
            String region,
            String environmentName,
            List<String> clientNamespaces,
            SharedWith sharedWith,
            Map<String, String> memberClusters,
            Map<String, List<String>> memberNamespaces) {
        var problems = new ArrayList<String>();
        String clientRole = Names.clientRole(environmentName);
        add(
                problems,
                "clientNamespaces (with the namespaces the stack files give the client identity)",
                ClientRoleTrust.problem(clientRole, clientNamespaces, null));
        for (String cluster : new TreeSet<>(memberClusters.keySet())) {
            String memberRole = Names.clusterRoleUnchecked(environmentName, cluster, "sigv4-client");
            add(
                    problems,
                    "client namespaces of cluster stack " + cluster + " (its services' and callers', for its own"
                            + " client role in another account)",
                    ClientRoleTrust.problem(
                            memberRole, memberNamespaces.getOrDefault(cluster, List.of()), Names.eksCluster(cluster)));
        }
        var accounts = new TreeSet<String>(memberClusters.values());
        accounts.add(ClientRoleTrust.ANY_ACCOUNT);
        String caArn = "arn:" + partition + ":acm-pca:" + region + ":" + ClientRoleTrust.ANY_ACCOUNT
                + ":certificate-authority/" + ANY_CA_ID;
        add(
                problems,
                "accountId of the cluster stacks (" + accounts.size() + " accounts)",
                IamLimits.inlinePolicies(
                        clientRole,
                        List.of(Policies.clientPermissions(partition, region, List.copyOf(accounts), caArn))));
        add(
                problems,
                "sharedWith and the cluster stacks' accountId",
                LatticeLimits.authPolicy(
                        "the service network's auth policy",
                        Policies.serviceNetworkAuthPolicy(
                                partition, ClientRoleTrust.ANY_ACCOUNT, sharedWith, memberClusters.values())));
        return List.copyOf(problems);
    }

    /**
     * A service's auth policy, one statement per caller.
     *
     * @param key   the key that lists the callers, for the message ({@code allowedCallers}, {@code services[0].callers})
     * @param route the service's route, which names it
     */
    public static List<String> servicePolicy(String partition, String key, String route, List<Caller> callers) {
        var problems = new ArrayList<String>();
        add(
                problems,
                key + " (" + callers.size() + " callers)",
                LatticeLimits.authPolicy(
                        "the auth policy of service " + route,
                        Policies.serviceAuthPolicy(partition, ClientRoleTrust.ANY_ACCOUNT, callers)));
        return List.copyOf(problems);
    }

    private static void tags(List<String> problems, Map<String, String> tags) {
        tags.forEach((key, value) -> add(problems, "tag " + key, ResourceNames.tag(key, value)));
    }

    private static void add(List<String> problems, String what, Optional<String> problem) {
        problem.ifPresent(p -> problems.add(what + ": " + p));
    }
}
