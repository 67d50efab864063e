package io.vpclattice.multicluster.kubernetes;

import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.CrdSchemas;
import io.vpclattice.multicluster.testing.KubernetesSchemas;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every custom object a cluster stack creates, validated against the OpenAPI schema of the real CRD version that
 * serves it (Gateway API v1.5.1, AWS Gateway API Controller v2.1.3, Kyverno v1.19.0). CEL rules are not evaluated. Each release's
 * checks run when its pinned files are on this machine and are skipped, saying how to provide them, otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestSchemaTest {
    private static final CrdRelease GATEWAY_API = GatewayApiCrds.release("v1.5.1");
    private static final CrdRelease CONTROLLER = ControllerCrds.V2_1_3;
    private static final CrdRelease KYVERNO = KyvernoCrds.V1_19_0;
    private StackPlan plan;

    @BeforeAll
    void planCluster() {
        plan = StackHarness.succeeded(StackHarness.cluster("cluster1", Map.of()));
    }

    private static Set<String> validate(CrdRelease release, Object object) {
        return CrdSchemas.problems(release, object);
    }

    static Stream<Arguments> releasesAndTheirObjects() {
        return Stream.of(
                Arguments.of(
                        Named.of(GATEWAY_API.label(), GATEWAY_API),
                        "gateway.networking.k8s.io",
                        List.of("GatewayClass", "Gateway", "HTTPRoute")),
                Arguments.of(
                        Named.of(CONTROLLER.label(), CONTROLLER),
                        "application-networking.k8s.aws",
                        List.of("IAMAuthPolicy")),
                Arguments.of(Named.of(KYVERNO.label(), KYVERNO), "policies.kyverno.io", List.of("MutatingPolicy")));
    }

    @Test
    void theReleasesCoverEveryCustomObjectOfACluster() {
        // Runs without any CRD file: a new custom object missing from releasesAndTheirObjects would go unvalidated.
        var builtIn = Set.of(
                "core",
                "apps",
                "batch",
                "networking.k8s.io",
                "rbac.authorization.k8s.io",
                "apiextensions.k8s.io",
                "helm.sh");
        var custom = plan.resources().stream()
                .map(r -> r.type().split(":", -1))
                .filter(type -> type[0].equals("kubernetes") && !builtIn.contains(type[1].split("/", -1)[0]))
                .map(type -> type[1].split("/", -1)[0] + ":" + type[2])
                .collect(Collectors.toSet());
        var covered = releasesAndTheirObjects()
                .flatMap(row -> ((List<?>) row.get()[2]).stream().map(kind -> row.get()[1] + ":" + kind))
                .collect(Collectors.toSet());
        assertEquals(covered, custom);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasesAndTheirObjects")
    void everyCustomObjectOfAClusterMatchesItsCrd(CrdRelease release, String group, List<String> kinds) {
        var objects = plan.resources().stream()
                .filter(r -> r.type().startsWith("kubernetes:" + group + "/"))
                .toList();
        assertEquals(
                Set.copyOf(kinds),
                objects.stream()
                        .map(r -> r.type().substring(r.type().lastIndexOf(':') + 1))
                        .collect(Collectors.toSet()));
        for (PlannedResource resource : objects) {
            var problems = validate(release, resource.inputs());
            assertTrue(problems.isEmpty(), resource.name() + ": " + problems);
        }
    }

    /** Built-in objects (namespaces, service accounts, deployments, services) against the Kubernetes API's model. */
    @Test
    void everyBuiltInObjectOfAClusterMatchesTheKubernetesApi() {
        var checked = 0;
        for (PlannedResource resource : plan.resources()) {
            var inputs = resource.inputs();
            if (inputs.get("apiVersion") instanceof String apiVersion
                    && inputs.get("kind") instanceof String kind
                    && KubernetesSchemas.knows(apiVersion, kind)) {
                assertEquals(List.of(), KubernetesSchemas.problems(inputs), resource.name());
                checked++;
            }
        }
        assertTrue(checked >= 8, "checked " + checked);
    }

    private static Map<String, Object> asMap(com.fasterxml.jackson.databind.JsonNode node) {
        return Mappers.JSON.convertValue(
                node, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    }

    @Test
    void theKubernetesApiModelCatchesAnUnknownFieldAndAWrongType() {
        var deployment = Workload.demo("c", "image:1", "example.internal")
                .deployment(new SigV4Sidecar("p:1", "i:1", "arn", "eu-west-1", "example.internal"))
                .toMap();
        assertEquals(List.of(), KubernetesSchemas.problems(deployment));
        com.fasterxml.jackson.databind.JsonNode broken = Mappers.JSON.valueToTree(deployment);
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/spec/template/spec")).put("restartPolicies", "x");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/spec")).put("replicas", "two");
        List<String> problems = KubernetesSchemas.problems(asMap(broken));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("replicas"), problems.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/spec")).put("replicas", 2);
        List<String> unknown = KubernetesSchemas.problems(asMap(broken));
        assertEquals(List.of("apps/v1:Deployment.spec.template.spec.restartPolicies: not a field of PodSpec"), unknown);
    }

    @Test
    void theGatewayApiSchemasCatchABrokenRoute() {
        var route = new HashMap<>(
                GatewayApiManifests.httpRoute("demo", "apps", "demo.example.io", "gw", List.of("https"), "demo", 80)
                        .toMap());
        assertEquals(Set.of(), validate(GATEWAY_API, route));
        route.put("spec", Map.of("hostnames", List.of(5), "parentRefs", "gw"));
        assertFalse(validate(GATEWAY_API, route).isEmpty());
    }

    @Test
    void theControllerSchemasCatchABrokenPolicy() {
        var policy = new HashMap<>(
                GatewayApiManifests.iamAuthPolicy("p", "apps", "demo", "{}").toMap());
        assertEquals(Set.of(), validate(CONTROLLER, policy));
        policy.put("spec", Map.of("policy", 7, "targetRef", Map.of("kind", "HTTPRoute", "name", "demo")));
        assertEquals(2, validate(CONTROLLER, policy).size(), "policy must be a string; targetRef.group is required");
    }
}
