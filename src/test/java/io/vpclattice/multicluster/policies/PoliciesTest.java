package io.vpclattice.multicluster.policies;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.policies.CallerRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
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
    private static final String CA = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555";

    static Stream<Arguments> callerLists() {
        return Stream.of(
                Arguments.of(List.of(new CallerRule("cluster2", "apps"))),
                Arguments.of(List.of(new CallerRule("cluster1", "apps"), new CallerRule("cluster3", "batch"))),
                Arguments.of(List.of(new CallerRule("cluster2", "apps"), new CallerRule("cluster-2", "apps"),
                        new CallerRule("cluster2", "web"))));
    }

    /** One Allow per rule, so cluster and namespace are matched as a pair, never crosswise. */
    @ParameterizedTest
    @MethodSource("callerLists")
    void serviceAuthPolicyAllowsExactlyTheListedPairs(List<CallerRule> callers) {
        var statements = statements(Policies.serviceAuthPolicy("aws", ACCOUNT, callers));
        assertEquals(callers.size(), statements.size());
        var pairs = new TreeSet<String>();
        var sids = new TreeSet<String>();
        for (JsonNode statement : statements) {
            assertEquals("Allow", statement.get("Effect").asText());
            assertEquals("arn:aws:iam::" + ACCOUNT + ":root", statement.get("Principal").get("AWS").asText());
            assertEquals(Set.of("vpc-lattice-svcs:Invoke"), texts(statement.get("Action")));
            JsonNode equals = statement.get("Condition").get("StringEquals");
            assertEquals(2, equals.size());
            pairs.add(equals.get("aws:PrincipalTag/eks-cluster-name").asText() + "/"
                    + equals.get("aws:PrincipalTag/kubernetes-namespace").asText());
            assertTrue(statement.get("Sid").asText().matches("[A-Za-z0-9]+"));
            sids.add(statement.get("Sid").asText());
        }
        assertEquals(callers.size(), sids.size(), "statement ids are unique");
        assertEquals(new TreeSet<>(callers.stream().map(c -> "eks-" + c.cluster() + "/" + c.namespace()).toList()), pairs);
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
        JsonNode statement = statements(Policies.serviceAuthPolicy("aws", ACCOUNT, List.of(new CallerRule("cluster2", "apps")))).get(0);
        assertEquals("*", statement.get("Resource").asText());
        assertEquals("eks-cluster2", statement.get("Condition").get("StringEquals").get("aws:PrincipalTag/eks-cluster-name").asText());
        assertEquals("apps", statement.get("Condition").get("StringEquals").get("aws:PrincipalTag/kubernetes-namespace").asText());
    }

    @Test
    void podIdentityTrustNeedsBothActionsAndIsScopedToAccountNamespaceClusterAndServiceAccount() {
        JsonNode statement = statements(Policies.podIdentityTrust(ACCOUNT, List.of("kube-system"), "eks-cluster1", "controller")).get(0);
        assertEquals("pods.eks.amazonaws.com", statement.get("Principal").get("Service").asText());
        assertEquals(Set.of("sts:AssumeRole", "sts:TagSession"), texts(statement.get("Action")));
        JsonNode equals = statement.get("Condition").get("StringEquals");
        assertEquals(ACCOUNT, equals.get("aws:SourceAccount").asText());
        assertEquals(Set.of("kube-system"), texts(equals.get("aws:RequestTag/kubernetes-namespace")));
        assertEquals("eks-cluster1", equals.get("aws:RequestTag/eks-cluster-name").asText());
        assertEquals("controller", equals.get("aws:RequestTag/kubernetes-service-account").asText());
    }

    @Test
    void clientPermissionsStayInThisRegionAccountAndCa() {
        var statements = statements(Policies.clientPermissions("aws", "eu-west-1", ACCOUNT, CA));
        assertEquals(2, statements.size());
        assertEquals(Set.of("arn:aws:vpc-lattice:eu-west-1:" + ACCOUNT + ":service/*", CA),
                new TreeSet<>(statements.stream().map(s -> s.get("Resource").asText()).toList()));
    }

    @Test
    void gatewayControllerPolicyIsTheRecommendedOne() {
        var statements = statements(Policies.gatewayControllerPermissions("aws"));
        assertEquals(3, statements.size());
        assertEquals(20, texts(statements.get(0).get("Action")).size());
        assertEquals(Set.of("vpc-lattice.amazonaws.com", "delivery.logs.amazonaws.com"), new TreeSet<>(statements.subList(1, 3).stream()
                .map(s -> s.get("Condition").get("StringLike").get("iam:AWSServiceName").asText()).toList()));
        assertEquals("arn:aws-cn:iam::*:role/aws-service-role/vpc-lattice.amazonaws.com/AWSServiceRoleForVpcLattice",
                statements(Policies.gatewayControllerPermissions("aws-cn")).get(1).get("Resource").asText());
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
                Policies.clientPermissions("aws", "eu-west-1", ACCOUNT, CA),
                Policies.gatewayControllerPermissions("aws"),
                Policies.externalDnsPermissions("arn:aws:route53:::hostedzone/Z1"),
                Policies.clusterEncryptionPermissions("arn:aws:kms:eu-west-1:123456789012:key/k"),
                Policies.serviceNetworkAuthPolicy("aws", ACCOUNT),
                Policies.serviceAuthPolicy("aws", ACCOUNT, List.of()),
                Policies.serviceAuthPolicy("aws", ACCOUNT, List.of(new CallerRule("cluster1", "apps"))));
    }

    /** Lattice refuses auth policies with newlines; and no policy may open to any principal. */
    @ParameterizedTest
    @MethodSource("everyPolicy")
    void policiesAreCompactAndNameNoWildcardPrincipal(String policy) {
        assertFalse(policy.contains("\n"));
        for (JsonNode statement : statements(policy)) {
            JsonNode principal = statement.get("Principal");
            if (principal != null) {
                assertFalse(principal.isTextual() && principal.asText().equals("*"), policy);
                principal.properties().forEach(e -> assertFalse(texts(e.getValue()).contains("*"), policy));
            }
        }
    }
}
