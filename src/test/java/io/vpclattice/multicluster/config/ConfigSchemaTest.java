package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulumi.yaml, the README and the program agree on every configuration key. */
class ConfigSchemaTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @Test
    void pulumiYamlDeclaresExactlyTheProgramsKeysWithTheSameTypesDefaultsAndDescriptions() throws IOException {
        JsonNode config = new YAMLMapper().readTree(PROJECT.resolve("Pulumi.yaml").toFile()).get("config");
        var declared = new TreeSet<String>();
        config.fieldNames().forEachRemaining(name -> {
            if (!name.contains(":")) {
                declared.add(name);
            }
        });
        assertEquals(new TreeSet<>(ConfigSchema.KEYS.stream().map(ConfigKey::name).toList()), declared);
        for (ConfigKey key : ConfigSchema.KEYS) {
            JsonNode declaration = config.get(key.name());
            assertEquals(key.type().pulumiName(), declaration.get("type").asText(), key.name());
            assertEquals(key.description(), declaration.get("description").asText(), key.name());
            JsonNode defaultValue = declaration.get("default");
            Object actual = switch (key.type()) {
                case STRING -> defaultValue.asText();
                case INTEGER -> defaultValue.asInt();
                case BOOLEAN -> defaultValue.asBoolean();
                case STRING_LIST -> {
                    assertEquals("string", declaration.get("items").get("type").asText(), key.name());
                    var items = new ArrayList<String>();
                    defaultValue.forEach(item -> items.add(item.asText()));
                    yield List.copyOf(items);
                }
            };
            assertEquals(key.defaultValue(), actual, key.name());
        }
        assertEquals(ConfigSchema.DEFAULT_REGION, config.get(ConfigSchema.AWS_REGION).asText());
    }

    @Test
    void readmeConfigTableListsEveryKeyWithItsDefault() throws IOException {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        for (ConfigKey key : ConfigSchema.KEYS) {
            String shownDefault = key.defaultValue() instanceof List<?> list
                    ? list.toString().replace(" ", "")
                    : "".equals(key.defaultValue()) ? "\"\"" : String.valueOf(key.defaultValue());
            String row = "| `" + key.name() + "` | " + key.type().pulumiName() + " | `" + shownDefault + "` |";
            assertTrue(readme.contains(row), "README lacks the row starting: " + row);
        }
    }

    @Test
    void everyDefaultPassesValidation() {
        // The defaults are what most users run: each stack kind must load with no configuration at all.
        assertTrue(ConfigLoaderTest.load("environment", java.util.Map.of()) instanceof EnvironmentStackConfig);
        assertTrue(ConfigLoaderTest.load("cluster1", java.util.Map.of()) instanceof ClusterStackConfig);
    }
}
