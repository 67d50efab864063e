package io.vpclattice.multicluster.policies;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.testing.PolicyEvaluator;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Decision;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.vpclattice.multicluster.testing.PolicyJson.statements;
import static io.vpclattice.multicluster.testing.PolicyJson.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoliciesTest {
    private static final String ACCOUNT = "123456789012";
    private static final String MEMBER = "210987654321";

    private static List<Caller> inThisAccount(List<CallerRule> rules) {
        return rules.stream().map(rule -> new Caller(rule, ACCOUNT)).toList();
    }

    private static final String CA =
            "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555";

    static Stream<Arguments> callerLists() {
        return Stream.of(
                Arguments.of(List.of(new CallerRule("cluster2", "apps"))),
                Arguments.of(List.of(new CallerRule("cluster1", "apps"), new CallerRule("cluster3", "batch"))),
                Arguments.of(List.of(
                        new CallerRule("cluster2", "apps"),
                        new CallerRule("cluster-2", "apps"),
                        new CallerRule("cluster2", "web"))));
    }

    /** One Allow per rule, so cluster and namespace are matched as a pair, never crosswise. */
    @ParameterizedTest
    @MethodSource("callerLists")
    void serviceAuthPolicyAllowsExactlyTheListedPairs(List<CallerRule> callers) {
        var statements = statements(Policies.serviceAuthPolicy("aws", ACCOUNT, inThisAccount(callers)));
        assertEquals(callers.size(), statements.size());
        var pairs = new TreeSet<String>();
        var sids = new TreeSet<String>();
        for (JsonNode statement : statements) {
            assertEquals("Allow", statement.get("Effect").asText());
            assertEquals(
                    "arn:aws:iam::" + ACCOUNT + ":root",
                    statement.get("Principal").get("AWS").asText());
            assertEquals(Set.of("vpc-lattice-svcs:Invoke"), texts(statement.get("Action")));
            JsonNode equals = statement.get("Condition").get("StringEquals");
            assertEquals(2, equals.size());
            pairs.add(equals.get("aws:PrincipalTag/eks-cluster-name").asText() + "/"
                    + equals.get("aws:PrincipalTag/kubernetes-namespace").asText());
            assertTrue(statement.get("Sid").asText().matches("[A-Za-z0-9]+"));
            sids.add(statement.get("Sid").asText());
        }
        assertEquals(callers.size(), sids.size(), "statement ids are unique");
        assertEquals(
                new TreeSet<>(callers.stream()
                        .map(c -> "eks-" + c.cluster() + "/" + c.namespace())
                        .toList()),
                pairs);
    }

    @Test
    void noCallersDeniesEveryone() {
        var statements = statements(Policies.serviceAuthPolicy("aws", ACCOUNT, List.of()));
        assertEquals(1, statements.size());
        assertEquals("Deny", statements.get(0).get("Effect").asText());
        assertEquals(Set.of("vpc-lattice-svcs:Invoke"), texts(statements.get(0).get("Action")));
        assertEquals("*", statements.get(0).get("Resource").asText());
    }

    @Test
    void seedMatrixPolicyMatchesTheOriginal() {
        JsonNode statement = statements(Policies.serviceAuthPolicy(
                        "aws", ACCOUNT, inThisAccount(List.of(new CallerRule("cluster2", "apps")))))
                .get(0);
        assertEquals("*", statement.get("Resource").asText());
        assertEquals(
                "eks-cluster2",
                statement
                        .get("Condition")
                        .get("StringEquals")
                        .get("aws:PrincipalTag/eks-cluster-name")
                        .asText());
        assertEquals(
                "apps",
                statement
                        .get("Condition")
                        .get("StringEquals")
                        .get("aws:PrincipalTag/kubernetes-namespace")
                        .asText());
    }

    @Test
    void podIdentityTrustNeedsBothActionsAndIsScopedToAccountNamespaceClusterAndServiceAccount() {
        JsonNode statement = statements(
                        Policies.podIdentityTrust(ACCOUNT, List.of("kube-system"), "eks-cluster1", "controller"))
                .get(0);
        assertEquals(
                "pods.eks.amazonaws.com",
                statement.get("Principal").get("Service").asText());
        assertEquals(Set.of("sts:AssumeRole", "sts:TagSession"), texts(statement.get("Action")));
        JsonNode equals = statement.get("Condition").get("StringEquals");
        assertEquals(ACCOUNT, equals.get("aws:SourceAccount").asText());
        assertEquals(Set.of("kube-system"), texts(equals.get("aws:RequestTag/kubernetes-namespace")));
        assertEquals(
                "eks-cluster1", equals.get("aws:RequestTag/eks-cluster-name").asText());
        assertEquals(
                "controller",
                equals.get("aws:RequestTag/kubernetes-service-account").asText());
    }

    @Test
    void clientPermissionsStayInThisRegionAccountAndCa() {
        var statements = statements(Policies.clientPermissions("aws", "eu-west-1", List.of(ACCOUNT), CA));
        assertEquals(2, statements.size());
        assertEquals(
                Set.of("arn:aws:vpc-lattice:eu-west-1:" + ACCOUNT + ":service/*", CA),
                new TreeSet<>(
                        statements.stream().map(s -> s.get("Resource").asText()).toList()));
        var twoAccounts = statements(
                        Policies.clientPermissions("aws", "eu-west-1", List.of(MEMBER, ACCOUNT, MEMBER), CA))
                .get(0);
        assertEquals(
                Set.of(
                        "arn:aws:vpc-lattice:eu-west-1:" + ACCOUNT + ":service/*",
                        "arn:aws:vpc-lattice:eu-west-1:" + MEMBER + ":service/*"),
                texts(twoAccounts.get("Resource")),
                "the Invoke resource names the service's account");
    }

    @Test
    void gatewayControllerPolicyIsTheRecommendedOne() {
        var statements = statements(Policies.gatewayControllerPermissions("aws"));
        assertEquals(3, statements.size());
        assertEquals(20, texts(statements.get(0).get("Action")).size());
        assertEquals(
                Set.of("vpc-lattice.amazonaws.com", "delivery.logs.amazonaws.com"),
                new TreeSet<>(statements.subList(1, 3).stream()
                        .map(s -> s.get("Condition")
                                .get("StringLike")
                                .get("iam:AWSServiceName")
                                .asText())
                        .toList()));
        assertEquals(
                "arn:aws-cn:iam::*:role/aws-service-role/vpc-lattice.amazonaws.com/AWSServiceRoleForVpcLattice",
                statements(Policies.gatewayControllerPermissions("aws-cn"))
                        .get(1)
                        .get("Resource")
                        .asText());
    }

    @Test
    void externalDnsWritesOnlyItsZone() {
        String zone = "arn:aws:route53:::hostedzone/Z0123";
        var statements = statements(Policies.externalDnsPermissions(zone));
        assertEquals(zone, statements.get(0).get("Resource").asText());
        assertTrue(texts(statements.get(0).get("Action")).contains("route53:ChangeResourceRecordSets"));
        assertEquals(Set.of("route53:ListHostedZones"), texts(statements.get(1).get("Action")));
    }

    static Stream<String> everyPolicy() {
        return Stream.of(
                Policies.serviceTrust("eks.amazonaws.com"),
                Policies.podIdentityTrust(ACCOUNT, List.of("apps"), null, null),
                Policies.clientPermissions("aws", "eu-west-1", List.of(ACCOUNT, MEMBER), CA),
                Policies.gatewayControllerPermissions("aws"),
                Policies.externalDnsPermissions("arn:aws:route53:::hostedzone/Z1"),
                Policies.clusterEncryptionPermissions("arn:aws:kms:eu-west-1:123456789012:key/k"),
                Policies.serviceNetworkAuthPolicy("aws", ACCOUNT, SharedWith.NOBODY, List.of()),
                Policies.serviceNetworkAuthPolicy(
                        "aws", ACCOUNT, SharedWith.of(List.of(MEMBER, ORGANIZATION, UNIT)), List.of(MEMBER)),
                Policies.serviceAuthPolicy("aws", ACCOUNT, List.of()),
                Policies.serviceAuthPolicy("aws", ACCOUNT, inThisAccount(List.of(new CallerRule("cluster1", "apps")))),
                Policies.externalDnsWriterPermissions("arn:aws:route53:::hostedzone/Z1", "*-cluster2.example.io"),
                Policies.crossAccountRoleTrust("aws", MEMBER, "arn:aws:iam::" + MEMBER + ":role/external-dns"),
                Policies.assumeRolePermissions("arn:aws:iam::" + ACCOUNT + ":role/dns-writer"));
    }

    /**
     * Lattice refuses auth policies with newlines; and no policy opens to any principal unless a condition narrows
     * it to the principal's organization.
     */
    @ParameterizedTest
    @MethodSource("everyPolicy")
    void policiesAreCompactAndNameNoUnconditionedWildcardPrincipal(String policy) {
        assertFalse(policy.contains("\n"));
        for (JsonNode statement : statements(policy)) {
            JsonNode principal = statement.get("Principal");
            boolean wildcard = principal != null
                    && ((principal.isTextual() && principal.asText().equals("*"))
                            || principal.properties().stream()
                                    .anyMatch(e -> texts(e.getValue()).contains("*")));
            if (wildcard) {
                assertTrue(statement.path("Condition").path("StringEquals").has("aws:PrincipalOrgID"), policy);
            }
        }
    }

    // --- policies evaluated for the requests that matter, across accounts ---

    private static final String ORGANIZATION = "arn:aws:organizations::111111111111:organization/o-abcdefghij";
    private static final String UNIT = "arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-cdefghij";

    private static Request invoke(String account, String cluster, String namespace, String organization) {
        return new Request(
                "arn:aws:sts::" + account + ":assumed-role/client/pod",
                Policies.LATTICE_INVOKE,
                "*",
                PolicyEvaluator.podSession(
                        account,
                        "eks-" + cluster,
                        namespace,
                        organization == null ? List.of() : List.of(organization)));
    }

    /** cluster2 in the member account admits cluster1/apps, which runs in the environment's account. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "the named cluster and namespace in its account,        123456789012, cluster1, apps,  ALLOW",
        "a cluster of the same name in another account,          210987654321, cluster1, apps,  IMPLICIT_DENY",
        "the same names in an account nobody shares with,        555555555555, cluster1, apps,  IMPLICIT_DENY",
        "the right account with another namespace,               123456789012, cluster1, batch, IMPLICIT_DENY",
        "the right account with another cluster,                 123456789012, cluster3, apps,  IMPLICIT_DENY"
    })
    void serviceAuthPolicyAdmitsTheCallerOnlyFromItsAccount(
            String why, String account, String cluster, String namespace, Decision expected) {
        String policy = Policies.serviceAuthPolicy(
                "aws", MEMBER, List.of(new Caller(new CallerRule("cluster1", "apps"), ACCOUNT)));
        assertEquals(expected, PolicyEvaluator.evaluate(policy, invoke(account, cluster, namespace, null)), why);
    }

    @Test
    void aServiceWithoutCallersDeniesEveryAccountExplicitlyOrImplicitly() {
        String policy = Policies.serviceAuthPolicy("aws", MEMBER, List.of());
        assertEquals(
                Decision.EXPLICIT_DENY, PolicyEvaluator.evaluate(policy, invoke(MEMBER, "cluster2", "apps", null)));
        assertEquals(
                Decision.IMPLICIT_DENY, PolicyEvaluator.evaluate(policy, invoke(ACCOUNT, "cluster1", "apps", null)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "none",
            value = {
                "nobody shared: this account,                                 none,         none,         123456789012, none,         ALLOW",
                "nobody shared: another account,                              none,         none,         210987654321, none,         IMPLICIT_DENY",
                "shared with the member: the member,                          210987654321, none,         210987654321, none,         ALLOW",
                "shared with the member: a stranger,                          210987654321, none,         555555555555, none,         IMPLICIT_DENY",
                "shared with the organization: a member of it,                ORGANIZATION, none,         555555555555, o-abcdefghij, ALLOW",
                "shared with the organization: an outsider,                   ORGANIZATION, none,         555555555555, o-zzzzzzzzzz, IMPLICIT_DENY",
                "shared with a unit: the account of a cluster stack in it,    UNIT,         210987654321, 210987654321, o-abcdefghij, ALLOW",
                "shared with a unit: another account of its organization,     UNIT,         210987654321, 555555555555, o-abcdefghij, IMPLICIT_DENY"
            })
    void serviceNetworkAdmitsOnlyTheAccountsItServes(
            String why,
            String sharedWith,
            String memberAccount,
            String account,
            String organization,
            Decision expected) {
        var shared = sharedWith == null
                ? SharedWith.NOBODY
                : SharedWith.of(List.of(
                        sharedWith.equals("ORGANIZATION")
                                ? ORGANIZATION
                                : sharedWith.equals("UNIT") ? UNIT : sharedWith));
        var members = memberAccount == null ? List.<String>of() : List.of(memberAccount);
        String policy = Policies.serviceNetworkAuthPolicy("aws", ACCOUNT, shared, members);
        assertEquals(
                expected, PolicyEvaluator.evaluate(policy, invoke(account, "cluster2", "apps", organization)), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "the member cluster's ExternalDNS role,      arn:aws:iam::210987654321:role/vpc-lattice-ccpc-cluster2-external-dns, ALLOW",
        "another role of the member account,          arn:aws:iam::210987654321:role/admin,                                  IMPLICIT_DENY",
        "a role of that name in another account,      arn:aws:iam::555555555555:role/vpc-lattice-ccpc-cluster2-external-dns, IMPLICIT_DENY"
    })
    void onlyTheMemberClustersExternalDnsRoleMayAssumeItsDnsWriter(String why, String role, Decision expected) {
        String trust = Policies.crossAccountRoleTrust(
                "aws", MEMBER, "arn:aws:iam::" + MEMBER + ":role/vpc-lattice-ccpc-cluster2-external-dns");
        var request = new Request(role, "sts:AssumeRole", "*", java.util.Map.of("aws:PrincipalArn", List.of(role)));
        assertEquals(expected, PolicyEvaluator.evaluate(trust, request), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "its service and ExternalDNS's TXT record,  Z1, demo-cluster2.example.io eks-cluster2-cname-demo-cluster2.example.io, CNAME TXT, ALLOW",
        "another cluster's service,                 Z1, demo-cluster1.example.io,                                            CNAME,     IMPLICIT_DENY",
        "one of its names and one of another's,     Z1, demo-cluster2.example.io demo-cluster1.example.io,                   CNAME,     IMPLICIT_DENY",
        "an A record of its own name,               Z1, demo-cluster2.example.io,                                            A,         IMPLICIT_DENY",
        "its name in another zone,                  Z2, demo-cluster2.example.io,                                            CNAME,     IMPLICIT_DENY"
    })
    void aMemberClusterWritesOnlyItsOwnRecordsInTheEnvironmentsZone(
            String why, String zone, String names, String types, Decision expected) {
        String permissions =
                Policies.externalDnsWriterPermissions("arn:aws:route53:::hostedzone/Z1", "*-cluster2.example.io");
        var request = new Request(
                "arn:aws:sts::123456789012:assumed-role/dns-writer/external-dns",
                "route53:ChangeResourceRecordSets",
                "arn:aws:route53:::hostedzone/" + zone,
                java.util.Map.of(
                        "route53:ChangeResourceRecordSetsNormalizedRecordNames", List.of(names.split(" ")),
                        "route53:ChangeResourceRecordSetsRecordTypes", List.of(types.split(" "))));
        assertEquals(expected, PolicyEvaluator.evaluate(permissions, request), why);
    }

    /**
     * Pod Identity session tags are transitive: the member's role can pass them on only if the trust allows
     * sts:TagSession as well as sts:AssumeRole, for the member's root narrowed to that one role.
     */
    @Test
    void crossAccountTrustLetsTheMemberRoleAssumeAndTagTheSession() {
        String role = "arn:aws:iam::" + MEMBER + ":role/vpc-lattice-ccpc-cluster2-external-dns";
        var statements = statements(Policies.crossAccountRoleTrust("aws-cn", MEMBER, role));
        assertEquals(1, statements.size());
        JsonNode statement = statements.get(0);
        assertEquals("Allow", statement.get("Effect").asText());
        assertEquals(Set.of("sts:AssumeRole", "sts:TagSession"), texts(statement.get("Action")));
        assertEquals(
                "arn:aws-cn:iam::" + MEMBER + ":root",
                statement.get("Principal").get("AWS").asText());
        assertEquals(
                role,
                statement
                        .get("Condition")
                        .get("ArnEquals")
                        .get("aws:PrincipalArn")
                        .asText());
        String trust = Policies.crossAccountRoleTrust("aws", MEMBER, role);
        for (String action : List.of("sts:AssumeRole", "sts:TagSession")) {
            var request = new Request(role, action, "*", java.util.Map.of("aws:PrincipalArn", List.of(role)));
            assertEquals(Decision.ALLOW, PolicyEvaluator.evaluate(trust, request), action);
        }
    }

    @Test
    void assumeRolePermissionsMayAssumeAndTagOnlyThatRole() {
        String role = "arn:aws:iam::" + ACCOUNT + ":role/dns-writer";
        var statements = statements(Policies.assumeRolePermissions(role));
        assertEquals(1, statements.size());
        assertEquals("AssumeRole", statements.get(0).get("Sid").asText());
        assertEquals("Allow", statements.get(0).get("Effect").asText());
        assertEquals(
                Set.of("sts:AssumeRole", "sts:TagSession"),
                texts(statements.get(0).get("Action")));
        assertEquals(Set.of(role), texts(statements.get(0).get("Resource")));
    }

    @Test
    void clusterEncryptionPermissionsUseOnlyTheClusterKey() {
        String key = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/k";
        var statements = statements(Policies.clusterEncryptionPermissions(key));
        assertEquals(1, statements.size());
        assertEquals("Allow", statements.get(0).get("Effect").asText());
        assertEquals(
                Set.of("kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"),
                texts(statements.get(0).get("Action")));
        assertEquals(Set.of(key), texts(statements.get(0).get("Resource")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "aws,        arn:aws:iam::123456789012:role/r,        arn:aws:iam::123456789012:root,        arn:aws:iam::aws:policy/P",
        "aws-cn,     arn:aws-cn:iam::123456789012:role/r,     arn:aws-cn:iam::123456789012:root,     arn:aws-cn:iam::aws:policy/P",
        "aws-us-gov, arn:aws-us-gov:iam::123456789012:role/r, arn:aws-us-gov:iam::123456789012:root, arn:aws-us-gov:iam::aws:policy/P"
    })
    void arnsNameThePartition(String partition, String role, String root, String managed) {
        assertEquals(role, Policies.roleArn(partition, ACCOUNT, "r"));
        assertEquals(root, Policies.accountRoot(partition, ACCOUNT));
        assertEquals(managed, Policies.managedPolicy(partition, "P"));
    }

    /** Statement ids keep letters and digits, each word capitalized; ids that clash get 2, 3, ... */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cluster2/apps                              | AllowCluster2Apps
            my_cluster.1/kube-system                   | AllowMyCluster1KubeSystem
            _edge/apps                                 | AllowEdgeApps
            cluster2/apps cluster-2/apps cluster.2/apps | AllowCluster2Apps AllowCluster2Apps2 AllowCluster2Apps3
            """)
    void statementIdsComeFromTheCallerRules(String rules, String sids) {
        List<String> configured = List.of(rules.split(" ", -1));
        var callers = configured.stream()
                .map(rule ->
                        new CallerRule(rule.substring(0, rule.indexOf('/')), rule.substring(rule.indexOf('/') + 1)))
                .toList();
        assertEquals(configured, callers.stream().map(CallerRule::toString).toList(), "the config form");
        assertEquals(
                List.of(sids.split(" ", -1)),
                statements(Policies.serviceAuthPolicy("aws", ACCOUNT, inThisAccount(callers))).stream()
                        .map(statement -> statement.get("Sid").asText())
                        .toList());
    }

    /** VPC Flow Logs may assume its role only for this account's flow logs (the VPC User Guide's confused deputy guard). */
    @Test
    void flowLogsTrustTheServiceForThisAccountsFlowLogsOnly() {
        var statements = statements(Policies.flowLogsTrust("aws-cn", "cn-north-1", ACCOUNT));
        assertEquals(1, statements.size());
        JsonNode statement = statements.get(0);
        assertEquals("Allow", statement.get("Effect").asText());
        assertEquals(
                "vpc-flow-logs.amazonaws.com",
                statement.get("Principal").get("Service").asText());
        assertEquals(Set.of("sts:AssumeRole"), texts(statement.get("Action")));
        assertEquals(
                ACCOUNT,
                statement
                        .get("Condition")
                        .get("StringEquals")
                        .get("aws:SourceAccount")
                        .asText());
        assertEquals(
                "arn:aws-cn:ec2:cn-north-1:" + ACCOUNT + ":vpc-flow-log/*",
                statement.get("Condition").get("ArnLike").get("aws:SourceArn").asText());
    }

    @Test
    void flowLogsWriteIntoTheirGroupAndListOnlyTheRegionsGroups() {
        String group = "arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:/aws/vpc/flow-logs/eks-cluster1";
        var statements = statements(Policies.flowLogDelivery("aws", "eu-west-1", ACCOUNT, group));
        assertEquals(2, statements.size());
        assertEquals(
                Set.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                texts(statements.get(0).get("Action")));
        assertEquals(Set.of(group, group + ":*"), texts(statements.get(0).get("Resource")));
        assertEquals(Set.of("logs:DescribeLogGroups"), texts(statements.get(1).get("Action")));
        assertEquals(
                Set.of("arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:*"),
                texts(statements.get(1).get("Resource")));
    }
}
