package io.vpclattice.multicluster.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every custom object a cluster stack creates, validated against the OpenAPI schema of the real CRD version that
 * serves it (Gateway API v1.5.1, AWS Gateway API Controller v2.1.3). CEL rules are not evaluated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private StackPlan plan;

    @BeforeAll
    void loadCrds() throws IOException {
        Path shared = StackHarness.sharedDirectory().orElse(null);
        Assumptions.assumeTrue(shared != null,
                "../shared/crds is not in this checkout: the real CRD schemas to validate against are absent");
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (Stream<Path> files = Stream.concat(Files.list(shared.resolve("crds/gateway-api")),
                Files.list(shared.resolve("crds/aws-application-networking-k8s")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                JsonNode crd = new YAMLMapper().readTree(file.toFile());
                String group = crd.at("/spec/group").asText();
                String kind = crd.at("/spec/names/kind").asText();
                for (JsonNode version : crd.at("/spec/versions")) {
                    if (version.get("served").asBoolean()) {
                        schemas.put(group + "/" + version.get("name").asText() + ":" + kind,
                                factory.getSchema(version.at("/schema/openAPIV3Schema")));
                    }
                }
            }
        }
        plan = StackHarness.succeeded(StackHarness.cluster("cluster1", Map.of()));
    }

    private Set<ValidationMessage> validate(Object object) {
        JsonNode node = JSON.valueToTree(object);
        String key = node.get("apiVersion").asText() + ":" + node.get("kind").asText();
        JsonSchema schema = schemas.get(key);
        assertTrue(schema != null, "no served CRD version for " + key);
        return schema.validate(node);
    }

    @Test
    void everyCustomObjectOfAClusterMatchesItsCrd() {
        var custom = plan.resources().stream()
                .filter(r -> r.type().startsWith("kubernetes:gateway.networking.k8s.io/")
                        || r.type().startsWith("kubernetes:application-networking.k8s.aws/"))
                .toList();
        assertEquals(4, custom.size(), "GatewayClass, Gateway, HTTPRoute, IAMAuthPolicy");
        for (PlannedResource resource : custom) {
            var problems = validate(resource.inputs());
            assertTrue(problems.isEmpty(), resource.name() + ": " + problems);
        }
    }

    @Test
    void theSchemasCatchBrokenObjects() {
        var route = new HashMap<>(GatewayApiManifests.httpRoute("demo", "apps", "demo.example.io", "gw",
                java.util.List.of("https"), "demo", 80).toMap());
        route.put("spec", Map.of("hostnames", java.util.List.of(5), "parentRefs", "gw"));
        assertFalse(validate(route).isEmpty());
        var policy = new HashMap<>(GatewayApiManifests.iamAuthPolicy("p", "apps", "demo", "{}").toMap());
        policy.put("spec", Map.of("policy", 7, "targetRef", Map.of("kind", "HTTPRoute", "name", "demo")));
        assertEquals(2, validate(policy).size(), "policy must be a string; targetRef.group is required");
    }
}
