package io.vpclattice.multicluster.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kyverno policy adds exactly the sidecar the program composes for its own workloads, to the pods it should. */
class SidecarInjectionTest {
    private static final SigV4Sidecar SIDECAR = new SigV4Sidecar(
            "proxy:1",
            "iptables:1",
            "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/ca",
            "eu-west-1",
            "example.internal");
    private static final Manifest POLICY = SidecarInjection.policy(SIDECAR);

    @SuppressWarnings("unchecked")
    private static Object at(Object node, String path) {
        Object value = node;
        for (String part : path.split("\\.", -1)) {
            value = part.matches("\\d+")
                    ? ((List<Object>) value).get(Integer.parseInt(part))
                    : ((Map<String, Object>) value).get(part);
        }
        return value;
    }

    /** The value the policy's CEL variable unmarshals: the JSON inside {@code json.unmarshal(r'''...''')}. */
    private static JsonNode injected() throws Exception {
        String expression = (String) at(POLICY.spec(), "variables.0.expression");
        assertTrue(expression.startsWith("json.unmarshal(r'''") && expression.endsWith("''')"), expression);
        return Mappers.JSON.readTree(expression.substring("json.unmarshal(r'''".length(), expression.length() - 4));
    }

    @Test
    void thePolicyAddsTheSameContainersTheProgramComposes() throws Exception {
        assertEquals(Mappers.JSON.valueToTree(SIDECAR.containers()), injected());
        var composed =
                SIDECAR.addTo(map("containers", list(map("name", "app", "securityContext", map("runAsGroup", 1000)))));
        assertEquals(
                Mappers.JSON.valueToTree(composed.get("initContainers")),
                injected(),
                "a pod gets the same init containers, in the same order, however it got them");
    }

    @Test
    void itServesOnlyLabelledPodsOfClientNamespacesWhenTheyAreCreated() {
        assertEquals(
                Map.of(SidecarInjection.POD_LABEL, "true"),
                at(POLICY.spec(), "matchConstraints.objectSelector.matchLabels"));
        assertEquals(
                Map.of(SidecarInjection.CLIENT_NAMESPACE_LABEL, "true"),
                at(POLICY.spec(), "matchConstraints.namespaceSelector.matchLabels"));
        assertEquals(List.of("CREATE"), at(POLICY.spec(), "matchConstraints.resourceRules.0.operations"));
        assertEquals(List.of("pods"), at(POLICY.spec(), "matchConstraints.resourceRules.0.resources"));
        assertEquals("Fail", at(POLICY.spec(), "failurePolicy"), "no labelled pod ever runs without its sidecar");
        assertEquals(
                "true",
                ClientNamespaces.namespace("payments").metadata().get("labels") instanceof Map<?, ?> labels
                        ? labels.get(SidecarInjection.CLIENT_NAMESPACE_LABEL)
                        : null,
                "every client namespace is one the policy serves");
    }

    @Test
    void aPodThatHasTheSidecarIsLeftAlone() {
        String condition = (String) at(POLICY.spec(), "matchConditions.0.expression");
        assertTrue(condition.contains("'iptables-init'") && condition.contains("'envoy-sigv4'"), condition);
        assertTrue(condition.startsWith("!has(object.spec.initContainers) ||"), condition);
    }

    @Test
    void theRedirectGoesFirstThenTheProxyAheadOfThePodsOwnInitContainers() {
        String patch = (String) at(POLICY.spec(), "mutations.0.jsonPatch.expression");
        // Both inserted at index 0, the proxy first: the redirect ends up first, as addTo puts them.
        assertTrue(patch.indexOf("variables.sidecar[1]") < patch.indexOf("variables.sidecar[0]"), patch);
        assertTrue(patch.contains("path: \"/spec/initContainers\", value: variables.sidecar"), patch);
    }
}
