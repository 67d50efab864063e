package io.vpclattice.multicluster.stacks;

import io.vpclattice.multicluster.offlineplan.PlanMocks;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.policies.Policies;
import io.vpclattice.multicluster.testing.PolicyEvaluator;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Decision;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Request;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.dependsOn;
import static io.vpclattice.multicluster.testing.StackHarness.named;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;
import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services by config (fixture {@code services}): two services on cluster1 in two namespaces, one on cluster2, callers
 * across clusters and a caller namespace that runs no service. Each service gets what the demo gets, every caller's
 * namespace gets the client identity in its cluster, and the auth policies admit exactly the configured calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServicesTest {
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private static final String ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
    private static final String AUTH_POLICY = "kubernetes:application-networking.k8s.aws/v1alpha1:IAMAuthPolicy";
    private static final String ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
    private static final String DOMAIN = "vpc-lattice-octank.io";

    private final Path project = StackHarness.fixtureProject("services");
    private StackPlan environment;
    private StackPlan cluster1;
    private StackPlan cluster2;

    @BeforeAll
    void plan() {
        environment = succeeded(StackHarness.defaultEnvironment(project));
        cluster1 = succeeded(StackHarness.cluster(project, "cluster1", Map.of()));
        cluster2 = succeeded(StackHarness.cluster(project, "cluster2", Map.of()));
    }

    @Test
    void eachServiceGetsADeploymentWithTheSidecarAServiceARouteAndAnAuthPolicyInItsNamespace() {
        var orders = named(cluster1, DEPLOYMENT, "service-orders-deployment");
        assertEquals("shop", at(orders, "metadata.namespace"));
        assertEquals(2L, at(orders, "spec.replicas"));
        assertEquals("public.ecr.aws/nginx/nginx:1.27", at(orders, "spec.template.spec.containers.0.image"));
        assertEquals(8081L, at(orders, "spec.template.spec.containers.0.ports.0.containerPort"));
        assertEquals("orders", at(orders, "spec.template.spec.serviceAccountName"));
        assertEquals(
                List.of("iptables-init", "envoy-sigv4"),
                ((List<?>) at(orders, "spec.template.spec.initContainers"))
                        .stream().map(c -> ((Map<?, ?>) c).get("name")).toList());
        assertEquals(
                8081L,
                at(named(cluster1, "kubernetes:core/v1:Service", "service-orders-service"), "spec.ports.0.targetPort"));
        var route = named(cluster1, ROUTE, "service-orders-route");
        assertEquals("orders-cluster1", at(route, "metadata.name"));
        assertEquals(List.of("orders-cluster1." + DOMAIN), at(route, "spec.hostnames"));
        assertEquals(
                "orders-cluster1-shop",
                ((Map<?, ?>) at(route, "metadata.annotations"))
                        .get("application-networking.k8s.aws/service-name-override"));
        var policy = named(cluster1, AUTH_POLICY, "service-orders-auth-policy");
        assertEquals("shop", at(policy, "metadata.namespace"));
        assertEquals("orders-cluster1", at(policy, "spec.targetRef.name"));
        assertTrue(dependsOn(policy, route));
        assertEquals(
                Set.of("service-orders-deployment", "service-stock-deployment", "external-dns-drain"),
                ofType(cluster1, DEPLOYMENT).stream().map(PlannedResource::name).collect(Collectors.toSet()),
                "the services replace the demo");
    }

    @Test
    void everyCallersNamespaceGetsTheClientIdentityInItsCluster() {
        assertEquals(
                Set.of("client-apps", "client-shop"),
                namesOf(cluster1, "multicluster:app:ClientNamespace"),
                "cluster1: where its services run; cluster2's billing admits cluster1/shop");
        assertEquals(
                Set.of("client-apps", "client-payments"),
                namesOf(cluster2, "multicluster:app:ClientNamespace"),
                "cluster2: where billing runs, and payments, which orders admits");
        var payments = named(cluster2, ASSOCIATION, "client-payments-pod-identity");
        assertEquals("payments", at(payments, "namespace"));
        assertEquals("sigv4-client", at(payments, "serviceAccount"));
        assertEquals(environment.outputs().get("clientRoleArn"), at(payments, "roleArn"));
        assertEquals(
                List.of("apps", "payments", "shop"),
                environment.outputs().get("clientNamespaces"),
                "the environment's client role trusts every client namespace of its account's clusters");
    }

    @Test
    void theEnvironmentsClientRoleAdmitsPodsOfEveryClientNamespaceAndNoOther() {
        String trust = (String) at(named(environment, "aws:iam/role:Role", "sigv4-client"), "assumeRolePolicy");
        for (String namespace : List.of("apps", "payments", "shop")) {
            assertEquals(Decision.ALLOW, PolicyEvaluator.evaluate(trust, podIdentity(namespace)), namespace);
        }
        assertEquals(Decision.IMPLICIT_DENY, PolicyEvaluator.evaluate(trust, podIdentity("default")));
    }

    private static Request podIdentity(String namespace) {
        return new Request(
                "service:" + Policies.POD_IDENTITY_SERVICE,
                "sts:AssumeRole",
                "*",
                Map.of(
                        "aws:SourceAccount",
                        List.of(PlanMocks.ACCOUNT),
                        "aws:RequestTag/kubernetes-namespace",
                        List.of(namespace)));
    }

    /** Each service's policy, evaluated for callers it admits, others of the same cluster, and impostors. */
    @ParameterizedTest(name = "{0} called by {1}/{2} of {3}: {4}")
    @CsvSource({
        "service-orders-auth-policy, eks-cluster2, payments, 123456789012, ALLOW",
        "service-orders-auth-policy, eks-cluster1, apps, 123456789012, ALLOW",
        "service-orders-auth-policy, eks-cluster2, apps, 123456789012, IMPLICIT_DENY",
        "service-orders-auth-policy, eks-cluster1, shop, 123456789012, IMPLICIT_DENY",
        "service-orders-auth-policy, eks-cluster2, payments, 210987654321, IMPLICIT_DENY",
        "service-orders-auth-policy, anonymous, , 123456789012, IMPLICIT_DENY",
        "service-stock-auth-policy, eks-cluster2, apps, 123456789012, ALLOW",
        "service-stock-auth-policy, eks-cluster2, payments, 123456789012, IMPLICIT_DENY",
        "service-stock-auth-policy, eks-cluster1, apps, 123456789012, IMPLICIT_DENY"
    })
    void cluster1sAuthPoliciesAdmitExactlyTheConfiguredCallers(
            String policy, String cluster, String namespace, String account, Decision expected) {
        assertEquals(expected, decide(cluster1, policy, cluster, namespace, account));
    }

    @ParameterizedTest(name = "billing called by {0}/{1}: {2}")
    @CsvSource({
        "eks-cluster1, shop, ALLOW",
        "eks-cluster1, apps, IMPLICIT_DENY",
        "eks-cluster2, shop, IMPLICIT_DENY",
        "eks-cluster2, payments, IMPLICIT_DENY"
    })
    void cluster2sBillingAdmitsOnlyCluster1sShop(String cluster, String namespace, Decision expected) {
        assertEquals(expected, decide(cluster2, "service-billing-auth-policy", cluster, namespace, PlanMocks.ACCOUNT));
    }

    private static Decision decide(
            StackPlan plan, String policyName, String cluster, String namespace, String account) {
        String policy = (String) at(named(plan, AUTH_POLICY, policyName), "spec.policy");
        if (cluster.equals("anonymous")) {
            return PolicyEvaluator.evaluate(policy, new Request("*", "vpc-lattice-svcs:Invoke", "*", Map.of()));
        }
        return PolicyEvaluator.evaluate(policy, PolicyEvaluator.latticeCall(account, cluster, namespace));
    }

    @Test
    void theServicesOutputListsEachServicesHostnameAndCallers() {
        @SuppressWarnings("unchecked")
        var services = (List<Map<String, Object>>) cluster1.outputs().get("services");
        assertEquals(
                List.of("orders", "stock"),
                services.stream().map(s -> s.get("name")).toList());
        assertEquals("orders-cluster1." + DOMAIN, services.get(0).get("hostname"));
        assertEquals(
                List.of("cluster2/payments", "cluster1/apps"), services.get(0).get("callers"));
        assertEquals("shop", services.get(0).get("namespace"));
        assertEquals(List.of("apps", "shop"), cluster1.outputs().get("clientNamespaces"));
    }

    @Test
    void aHomeClusterWaitsForTheEnvironmentToTrustItsNewClientNamespaces() {
        // The shipped environment's plan, made before cluster1's services named the namespace shop.
        var stale = StackHarness.plan(
                project,
                "cluster1",
                Map.of(),
                Map.of(
                        "organization/vpc-lattice-multicluster/environment",
                        StackHarness.defaultEnvironment(StackHarness.PROJECT).outputs()));
        assertEquals(
                "invalid configuration: namespaces shop of cluster1 call services (their pods run services or are"
                        + " named as callers), but the environment's client role does not trust them yet: run"
                        + " `pulumi up` on the environment, which reads every stack file, before this stack",
                stale.error().orElseThrow());
        assertEquals(List.of(), stale.resources());
    }

    @Test
    void kyvernoRunsInEveryClusterAndItsPolicyFollowsTheRelease() {
        for (var plan : List.of(cluster1, cluster2)) {
            var release = named(plan, "kubernetes:helm.sh/v3:Release", "kyverno");
            assertEquals("3.9.0", at(release, "version"));
            var policy = named(plan, "kubernetes:policies.kyverno.io/v1:MutatingPolicy", "kyverno-sidecar-policy");
            assertTrue(dependsOn(policy, release), "exists only once Kyverno is ready; goes first on destroy");
        }
    }

    private static Set<String> namesOf(StackPlan plan, String type) {
        return ofType(plan, type).stream().map(PlannedResource::name).collect(Collectors.toSet());
    }
}
