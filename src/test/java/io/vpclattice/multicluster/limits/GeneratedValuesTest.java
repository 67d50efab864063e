package io.vpclattice.multicluster.limits;

import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.policies.Caller;
import io.vpclattice.multicluster.policies.CallerRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The longest values each key allows build names and policies within every limit; one more breaks one. */
class GeneratedValuesTest {
    static final String PROJECT = "vpc-lattice-multicluster";
    /** The longest environmentName (NameRules.MAX_ENVIRONMENT_NAME) and cluster stack name (MAX_CLUSTER_NAME). */
    static final String ENVIRONMENT = "e-" + "n".repeat(22);

    static final String CLUSTER = "c-" + "l".repeat(13);
    static final String DOMAIN = "d".repeat(61) + ".io";
    static final String NETWORK = "s" + "-n".repeat(31);

    static String account(int i) {
        return String.format("%012d", 100_000_000_000L + i);
    }

    @Test
    void theLongestNamesFitEveryLimit() {
        assertEquals(24, ENVIRONMENT.length());
        assertEquals(15, CLUSTER.length());
        assertEquals(63, NETWORK.length());
        assertEquals(
                List.of(),
                GeneratedValues.environmentNames(
                        PROJECT, "s".repeat(100), ENVIRONMENT, NETWORK, DOMAIN, List.of(CLUSTER, "cluster2")));
        assertEquals(List.of(), GeneratedValues.clusterNames(PROJECT, ENVIRONMENT, CLUSTER, "n".repeat(63)));
    }

    @Test
    void aRoleNameOverIamsLimitIsRefusedWithTheKeysItComesFrom() {
        // 30 + 1 + 15 + "-gateway-controller" = 65; the other purposes are shorter.
        String environment = "e".repeat(30);
        List<String> problems = GeneratedValues.clusterNames(PROJECT, environment, CLUSTER, "apps");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.get(0)
                        .startsWith("IAM role name " + environment + "-" + CLUSTER
                                + "-gateway-controller (environmentName"
                                + " + stack name " + CLUSTER + " + -gateway-controller): expected an IAM role name of 1"
                                + " to 64"),
                problems.get(0));
        // 52 + "-sigv4-client" = 65, 52 + "-zone-flow-logs" = 67, 52 + "-environment-zone" = 69, and the writer
        // role is longer still.
        List<String> environmentProblems = GeneratedValues.environmentNames(
                PROJECT, "environment", "e".repeat(52), NETWORK, DOMAIN, List.of(CLUSTER));
        assertEquals(4, environmentProblems.size(), environmentProblems.toString());
        assertTrue(
                environmentProblems.get(0).contains("(environmentName + -sigv4-client)"),
                environmentProblems.toString());
        assertTrue(
                environmentProblems.get(1).contains("(environmentName + -zone-flow-logs)"),
                environmentProblems.toString());
        assertTrue(environmentProblems.get(2).contains("-dns-writer)"), environmentProblems.toString());
        assertTrue(
                environmentProblems.get(3).startsWith("Route 53 Profiles name " + "e".repeat(52) + "-environment-zone"),
                environmentProblems.toString());
        // The Route 53 Profile's zone association, environmentName + "-environment-zone", reaches 64 first.
        assertEquals(
                List.of(),
                GeneratedValues.environmentNames(PROJECT, "environment", "e".repeat(47), NETWORK, DOMAIN, List.of()));
        assertEquals(
                1,
                GeneratedValues.environmentNames(PROJECT, "environment", "e".repeat(48), NETWORK, DOMAIN, List.of())
                        .size());
    }

    @Test
    void eachGeneratedNameIsCheckedAgainstItsOwnRule() {
        // A stack name that EKS refuses (the program's NameRules.clusterName refuses it earlier too).
        List<String> problems = GeneratedValues.clusterNames(PROJECT, "env", "a.b", "apps");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("EKS cluster name eks-a.b")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("KMS alias alias/eks-a.b")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Route 53 Profiles association")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Lattice service demo-a.b-apps")), problems.toString());
        List<String> longNetwork =
                GeneratedValues.environmentNames(PROJECT, "environment", "env", "n".repeat(600), DOMAIN, List.of());
        assertTrue(
                longNetwork.stream().anyMatch(p -> p.startsWith("log group /aws/vendedlogs")), longNetwork.toString());
        assertTrue(longNetwork.stream().anyMatch(p -> p.startsWith("tag Name")), longNetwork.toString());
        List<String> badGroup = GeneratedValues.clusterNames(PROJECT, "env", "sg", "apps");
        assertEquals(List.of(), badGroup, "eks-sg-lattice-association does not start with sg-");
        List<String> longCluster = GeneratedValues.clusterNames(PROJECT, "e", "c".repeat(300), "apps");
        assertTrue(longCluster.stream().anyMatch(p -> p.startsWith("security group")), longCluster.toString());
        List<String> longerCluster = GeneratedValues.clusterNames(PROJECT, "e", "c".repeat(600), "apps");
        assertTrue(longerCluster.stream().anyMatch(p -> p.startsWith("log group /aws/eks")), longerCluster.toString());
    }

    /** The most namespaces of 63 characters the member roles of the longest cluster name take. */
    static final int MOST_NAMESPACES = 26;

    @Test
    void theMostNamespacesFitTheEnvironmentsRoleAndEveryMembersRole() {
        List<String> names = ClientRoleTrustTest.namespaces(MOST_NAMESPACES, 63);
        assertEquals(
                List.of(),
                GeneratedValues.environmentPolicies(
                        "aws-us-gov",
                        "us-gov-west-1",
                        ENVIRONMENT,
                        names,
                        SharedWith.of(List.of()),
                        Map.of(CLUSTER, account(1)),
                        Map.of(CLUSTER, names)));
        List<String> oneMore = GeneratedValues.environmentPolicies(
                "aws-us-gov",
                "us-gov-west-1",
                ENVIRONMENT,
                names,
                SharedWith.of(List.of()),
                Map.of(CLUSTER, account(1)),
                Map.of(CLUSTER, ClientRoleTrustTest.namespaces(MOST_NAMESPACES + 1, 63)));
        assertEquals(1, oneMore.size(), oneMore.toString());
        assertTrue(
                oneMore.get(0)
                        .startsWith("client namespaces of cluster stack " + CLUSTER
                                + " (its services' and callers', for its own client role in another account): 27 namespaces make the trust policy of role "
                                + ENVIRONMENT
                                + "-" + CLUSTER
                                + "-sigv4-client 2,093 characters; IAM allows 2,048 (IAM quotas: role trust policy"
                                + " length): the first 26 fit"),
                oneMore.get(0));
    }

    /** The most clusters of other accounts whose accounts fit the client role's permissions (in aws-us-gov). */
    static final int MOST_MEMBER_ACCOUNTS = 148;

    /** The most accounts {@code sharedWith} may name before the service network's auth policy is full. */
    static final int MOST_SHARED_ACCOUNTS = 241;

    private static Map<String, String> members(int count) {
        var members = new TreeMap<String, String>();
        IntStream.range(0, count).forEach(i -> members.put("c" + i, account(i)));
        return members;
    }

    private static List<String> withMembers(int count) {
        return GeneratedValues.environmentPolicies(
                "aws-us-gov",
                "us-gov-west-1",
                ENVIRONMENT,
                List.of("apps"),
                SharedWith.of(List.of()),
                members(count),
                Map.of());
    }

    private static List<String> sharedWith(int count) {
        return GeneratedValues.environmentPolicies(
                "aws-us-gov",
                "us-gov-west-1",
                ENVIRONMENT,
                List.of("apps"),
                SharedWith.of(List.copyOf(members(count).values())),
                Map.of(),
                Map.of());
    }

    @Test
    void manyAccountsFillTheClientRolesPermissions() {
        assertEquals(List.of(), withMembers(MOST_MEMBER_ACCOUNTS));
        List<String> problems = withMembers(MOST_MEMBER_ACCOUNTS + 1);
        assertEquals(
                List.of("accountId of the cluster stacks (150 accounts): the inline policies of role " + ENVIRONMENT
                        + "-sigv4-client are 10,263 characters together; IAM allows 10,240 (IAM quotas: role policy"
                        + " size)"),
                problems);
    }

    @Test
    void manyAccountsFillTheServiceNetworksAuthPolicy() {
        assertEquals(List.of(), sharedWith(MOST_SHARED_ACCOUNTS));
        assertEquals(
                List.of("sharedWith and the cluster stacks' accountId: the service network's auth policy is 10,031"
                        + " bytes; VPC Lattice allows 10,000 (Lattice quotas: auth policy size, not adjustable)"),
                sharedWith(MOST_SHARED_ACCOUNTS + 1));
    }

    @Test
    void manyCallersFillTheServicesAuthPolicy() {
        var callers = IntStream.range(0, 40)
                .mapToObj(i -> new Caller(
                        new CallerRule(
                                CLUSTER, ClientRoleTrustTest.namespaces(40, 63).get(i)),
                        account(i)))
                .toList();
        int fitting = 0;
        while (GeneratedValues.servicePolicy(
                        "aws-us-gov", "allowedCallers", "demo-" + CLUSTER, callers.subList(0, fitting + 1))
                .isEmpty()) {
            fitting++;
        }
        assertEquals(MOST_CALLERS, fitting);
        List<String> problems = GeneratedValues.servicePolicy(
                "aws-us-gov", "allowedCallers", "demo-" + CLUSTER, callers.subList(0, fitting + 1));
        assertEquals(1, problems.size());
        assertTrue(
                problems.get(0)
                        .startsWith("allowedCallers (" + (fitting + 1) + " callers): the auth policy of service demo-"
                                + CLUSTER + " is "),
                problems.get(0));
    }

    /** The most callers of the longest names whose statements fit the service's auth policy. */
    static final int MOST_CALLERS = 24;

    @Test
    void aClustersNamesAreCheckedAsTagValuesToo() {
        List<String> problems = GeneratedValues.clusterNames(PROJECT, "e", "c".repeat(300), "apps");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("tag Name: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("tag stack: ")), problems.toString());
    }

    @Test
    void theEnvironmentsClientRoleTrustsOnlyWhatFits() {
        List<String> problems = GeneratedValues.environmentPolicies(
                "aws",
                "eu-west-1",
                "env",
                ClientRoleTrustTest.namespaces(28, 63),
                SharedWith.NOBODY,
                Map.of(),
                Map.of());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.get(0)
                        .startsWith("clientNamespaces (with the namespaces the stack files give the client identity):"
                                + " 28 namespaces make the trust policy of role env-sigv4-client"),
                problems.get(0));
    }
}
