package io.vpclattice.multicluster.stacks;

import io.vpclattice.multicluster.offlineplan.PlanMocks;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.policies.Policies;
import io.vpclattice.multicluster.testing.PolicyEvaluator;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Decision;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Request;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.named;
import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Services across two accounts (fixture {@code two-accounts-services}): cluster2 runs in another account than the
 * environment; a caller namespace of cluster2 that runs no service gets the client identity there, from the member's
 * own client role; each service's auth policy admits its callers in their own account only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossAccountServicesTest {
    private static final String MEMBER = "210987654321";
    private static final String ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
    private static final String AUTH_POLICY = "kubernetes:application-networking.k8s.aws/v1alpha1:IAMAuthPolicy";

    private StackPlan environment;
    private StackPlan cluster1;
    private StackPlan cluster2;

    @BeforeAll
    void plan() {
        var project = StackHarness.fixtureProject("two-accounts-services");
        environment = succeeded(StackHarness.defaultEnvironment(project));
        cluster1 = succeeded(StackHarness.cluster(project, "cluster1", Map.of()));
        cluster2 = succeeded(StackHarness.cluster(project, "cluster2", Map.of()));
    }

    @Test
    void theEnvironmentsRoleTrustsOnlyItsOwnAccountsClientNamespaces() {
        assertEquals(
                List.of("apps"),
                environment.outputs().get("clientNamespaces"),
                "cluster1's orders runs in apps; payments is cluster2's, in the member account");
    }

    @Test
    void theMembersCallerNamespaceGetsTheMembersOwnClientRole() {
        var payments = named(cluster2, ASSOCIATION, "client-payments-pod-identity");
        var role = named(cluster2, "aws:iam/role:Role", "sigv4-client");
        assertEquals("arn:aws:iam::" + MEMBER + ":role/" + at(role, "name"), at(payments, "roleArn"));
        String trust = (String) at(role, "assumeRolePolicy");
        for (String namespace : List.of("apps", "payments")) {
            assertEquals(
                    Decision.ALLOW,
                    PolicyEvaluator.evaluate(trust, podIdentity(MEMBER, "eks-cluster2", namespace)),
                    namespace);
        }
        assertEquals(
                Decision.IMPLICIT_DENY,
                PolicyEvaluator.evaluate(trust, podIdentity(MEMBER, "eks-cluster2", "shop")),
                "not a client namespace of cluster2");
        assertEquals(
                Decision.IMPLICIT_DENY,
                PolicyEvaluator.evaluate(trust, podIdentity(MEMBER, "eks-cluster9", "payments")),
                "another cluster of the member account");
    }

    @Test
    void eachServiceAdmitsItsCallersInTheirOwnAccount() {
        String orders = (String) at(named(cluster1, AUTH_POLICY, "service-orders-auth-policy"), "spec.policy");
        assertEquals(Decision.ALLOW, call(orders, MEMBER, "eks-cluster2", "payments"));
        assertEquals(
                Decision.IMPLICIT_DENY,
                call(orders, PlanMocks.ACCOUNT, "eks-cluster2", "payments"),
                "a cluster named cluster2 in the environment's account is not the member's");
        String billing = (String) at(named(cluster2, AUTH_POLICY, "service-billing-auth-policy"), "spec.policy");
        assertEquals(Decision.ALLOW, call(billing, PlanMocks.ACCOUNT, "eks-cluster1", "apps"));
        assertEquals(Decision.IMPLICIT_DENY, call(billing, MEMBER, "eks-cluster1", "apps"));
    }

    private static Request podIdentity(String account, String cluster, String namespace) {
        return new Request(
                "service:" + Policies.POD_IDENTITY_SERVICE,
                "sts:AssumeRole",
                "*",
                Map.of(
                        "aws:SourceAccount", List.of(account),
                        "aws:RequestTag/eks-cluster-name", List.of(cluster),
                        "aws:RequestTag/kubernetes-namespace", List.of(namespace)));
    }

    private static Decision call(String policy, String account, String cluster, String namespace) {
        return PolicyEvaluator.evaluate(policy, PolicyEvaluator.latticeCall(account, cluster, namespace));
    }
}
