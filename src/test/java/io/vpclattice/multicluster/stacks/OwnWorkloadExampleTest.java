package io.vpclattice.multicluster.stacks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.kubernetes.ControllerCrds;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.kubernetes.SidecarInjection;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.offlineplan.PlanMocks;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.CrdSchemas;
import io.vpclattice.multicluster.testing.KubernetesSchemas;
import io.vpclattice.multicluster.testing.PolicyEvaluator;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Decision;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.named;
import static io.vpclattice.multicluster.testing.StackHarness.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code examples/own-workload/}: what a user applies with kubectl to add a service from outside the program works
 * with what the default cluster1 stack plans: valid objects, pods the sidecar policy selects, a route on the cluster's
 * Gateway with a hostname its ExternalDNS may write, and an auth policy admitting exactly cluster2/apps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnWorkloadExampleTest {
    private static final Path EXAMPLE = StackHarness.REPOSITORY.resolve("examples/own-workload");
    private final List<Map<String, Object>> objects = new ArrayList<>();
    private StackPlan cluster1;

    @BeforeAll
    void read() throws IOException {
        cluster1 = StackHarness.succeeded(StackHarness.cluster("cluster1", Map.of()));
        try (var files = Files.list(EXAMPLE)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                var parser = new YAMLMapper().createParser(file.toFile());
                for (var documents = Mappers.YAML.readValues(parser, new TypeReference<Map<String, Object>>() {});
                        documents.hasNext(); ) {
                    objects.add(documents.next());
                }
            }
        }
    }

    private Map<String, Object> object(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the example"));
    }

    private static Object path(Map<String, Object> object, String path) {
        JsonNode node = Mappers.JSON.valueToTree(object).at(path);
        return Mappers.JSON.convertValue(node, Object.class);
    }

    @Test
    void everyObjectIsValidForTheApiThatServesIt() {
        assertEquals(
                Set.of("Deployment", "Service", "HTTPRoute", "IAMAuthPolicy"),
                objects.stream().map(o -> (String) o.get("kind")).collect(Collectors.toSet()));
        for (var object : objects) {
            String apiVersion = (String) object.get("apiVersion");
            String kind = (String) object.get("kind");
            if (KubernetesSchemas.knows(apiVersion, kind)) {
                assertEquals(List.of(), KubernetesSchemas.problems(object), kind);
            } else if (apiVersion.startsWith("gateway.networking.k8s.io/")) {
                assertEquals(Set.of(), CrdSchemas.problems(GatewayApiCrds.release("v1.5.1"), object), kind);
            } else {
                assertEquals(Set.of(), CrdSchemas.problems(ControllerCrds.V2_1_3, object), kind);
            }
        }
    }

    @Test
    void itsPodsAreOnesTheSidecarPolicySelectsAndRunAsTheClientIdentity() {
        var deployment = object("Deployment");
        String namespace = (String) path(deployment, "/metadata/namespace");
        var policy = named(cluster1, "kubernetes:policies.kyverno.io/v1:MutatingPolicy", "kyverno-sidecar-policy");
        @SuppressWarnings("unchecked")
        var podLabels = (Map<String, Object>) path(deployment, "/spec/template/metadata/labels");
        @SuppressWarnings("unchecked")
        var selector = (Map<String, Object>) at(policy, "spec.matchConstraints.objectSelector.matchLabels");
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), podLabels + " against " + selector);
        assertEquals(
                SidecarInjection.CLIENT_SERVICE_ACCOUNT, path(deployment, "/spec/template/spec/serviceAccountName"));
        var clientNamespace = named(cluster1, "kubernetes:core/v1:Namespace", "client-" + namespace + "-namespace");
        @SuppressWarnings("unchecked")
        var namespaceLabels = (Map<String, Object>) at(clientNamespace, "metadata.labels");
        @SuppressWarnings("unchecked")
        var namespaceSelector = (Map<String, Object>) at(policy, "spec.matchConstraints.namespaceSelector.matchLabels");
        assertTrue(namespaceLabels.entrySet().containsAll(namespaceSelector.entrySet()));
        var association = named(
                cluster1,
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "client-" + namespace + "-pod-identity");
        assertEquals(SidecarInjection.CLIENT_SERVICE_ACCOUNT, at(association, "serviceAccount"));
        var group = path(deployment, "/spec/template/spec/containers/0/securityContext/runAsGroup");
        assertTrue(group instanceof Integer g && g != 0, "traffic of group 0 skips the sidecar");
    }

    @Test
    void theRouteIsOnTheClustersGatewayWithAHostnameItsExternalDnsMayWrite() {
        var route = object("HTTPRoute");
        var gateway = only(cluster1, "kubernetes:gateway.networking.k8s.io/v1:Gateway");
        @SuppressWarnings("unchecked")
        var parents = (List<Map<String, Object>>) path(route, "/spec/parentRefs");
        @SuppressWarnings("unchecked")
        var listeners = ((List<Map<String, Object>>) at(gateway, "spec.listeners"))
                .stream().map(l -> l.get("name")).toList();
        for (var parent : parents) {
            assertEquals(at(gateway, "metadata.name"), parent.get("name"));
            assertEquals(at(gateway, "metadata.namespace"), parent.get("namespace"));
            assertTrue(listeners.contains(parent.get("sectionName")), parent + " against " + listeners);
        }
        String hostname = (String) path(route, "/spec/hostnames/0");
        String writable = Names.ownedRecordNames("cluster1", "vpc-lattice-octank.io");
        assertTrue(hostname.endsWith(writable.substring(1)), hostname + " is not " + writable);
        assertEquals(path(route, "/metadata/name"), path(object("IAMAuthPolicy"), "/spec/targetRef/name"));
        assertEquals(path(route, "/metadata/namespace"), path(object("IAMAuthPolicy"), "/metadata/namespace"));
        assertEquals(
                path(route, "/metadata/name") + "-" + path(route, "/metadata/namespace"),
                path(route, "/metadata/annotations/application-networking.k8s.aws~1service-name-override"));
    }

    @Test
    void theAuthPolicyAdmitsExactlyCluster2sAppsOfItsAccount() {
        String policy = (String) path(object("IAMAuthPolicy"), "/spec/policy");
        assertEquals(Decision.ALLOW, call(policy, "eks-cluster2", "apps", PlanMocks.ACCOUNT));
        assertEquals(Decision.IMPLICIT_DENY, call(policy, "eks-cluster2", "shop", PlanMocks.ACCOUNT));
        assertEquals(Decision.IMPLICIT_DENY, call(policy, "eks-cluster1", "apps", PlanMocks.ACCOUNT));
        assertEquals(Decision.IMPLICIT_DENY, call(policy, "eks-cluster2", "apps", "210987654321"));
        assertTrue(!policy.contains("\n"), "Lattice refuses auth policies with newlines");
    }

    private static Decision call(String policy, String cluster, String namespace, String account) {
        return PolicyEvaluator.evaluate(policy, PolicyEvaluator.latticeCall(account, cluster, namespace));
    }
}
