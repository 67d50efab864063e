package io.vpclattice.multicluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.kubernetes.CrdRelease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom objects checked against the OpenAPI schema of the real CRD version that serves them (every served version
 * of a pinned release's CRDs, read through {@link UpstreamCrds}, which skips the calling test when the files are not
 * on this machine). CEL rules are not evaluated.
 */
public final class CrdSchemas {
    private CrdSchemas() {}

    private static final Map<CrdRelease, Map<String, JsonSchema>> SCHEMAS = new ConcurrentHashMap<>();

    /** The schema of {@code <group>/<version>:<kind>} in the release, if it serves that version of the kind. */
    public static Optional<JsonSchema> schema(CrdRelease release, String apiVersion, String kind) {
        return Optional.ofNullable(
                SCHEMAS.computeIfAbsent(release, CrdSchemas::load).get(apiVersion + ":" + kind));
    }

    /** What is wrong with {@code object} against the release's schema of its kind; a kind it lacks is a problem too. */
    public static Set<String> problems(CrdRelease release, Object object) {
        JsonNode node = Mappers.JSON.valueToTree(object);
        String apiVersion = node.get("apiVersion").asText();
        String kind = node.get("kind").asText();
        return schema(release, apiVersion, kind)
                .map(schema -> {
                    var messages = new java.util.TreeSet<String>();
                    for (ValidationMessage message : schema.validate(node)) {
                        messages.add(message.getMessage());
                    }
                    return (Set<String>) messages;
                })
                .orElse(Set.of("no served CRD version of " + release.label() + " for " + apiVersion + ":" + kind));
    }

    private static Map<String, JsonSchema> load(CrdRelease release) {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        var byKey = new HashMap<String, JsonSchema>();
        for (byte[] content : UpstreamCrds.require(release)) {
            JsonNode crd = readYaml(content);
            String group = crd.at("/spec/group").asText();
            String kind = crd.at("/spec/names/kind").asText();
            for (JsonNode version : crd.at("/spec/versions")) {
                if (version.get("served").asBoolean()) {
                    byKey.put(
                            group + "/" + version.get("name").asText() + ":" + kind,
                            factory.getSchema(version.at("/schema/openAPIV3Schema")));
                }
            }
        }
        return byKey;
    }

    private static JsonNode readYaml(byte[] content) {
        try {
            return new YAMLMapper().readTree(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
