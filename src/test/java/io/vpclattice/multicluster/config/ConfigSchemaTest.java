package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vpclattice.multicluster.config.cli.PulumiProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulumi.yaml, the README and the program agree on every configuration key. */
class ConfigSchemaTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    /** Read as the CLI reads it, so a default YAML types differently from its declaration (1.35) fails here. */
    @Test
    void pulumiYamlDeclaresExactlyTheProgramsKeysWithTheSameTypesDefaultsAndDescriptions() throws IOException {
        var project = PulumiProject.load(PROJECT);
        var declared = new TreeSet<String>();
        project.config().keySet().stream().filter(project::isProjectKey).forEach(declared::add);
        assertEquals(
                new TreeSet<>(ConfigSchema.KEYS.stream().map(ConfigKey::name).toList()), declared);
        JsonNode descriptions = new YAMLMapper()
                .readTree(PROJECT.resolve("Pulumi.yaml").toFile())
                .get("config");
        for (ConfigKey key : ConfigSchema.KEYS) {
            var declaration = project.config().get(key.name());
            assertEquals(Optional.of(key.type().pulumiName()), declaration.type(), key.name());
            assertEquals(
                    key.description(),
                    descriptions.get(key.name()).get("description").asText(),
                    key.name());
            Object expected = key.defaultValue() instanceof Integer i ? (Object) i.longValue() : key.defaultValue();
            assertEquals(expected, declaration.defaultValue(), key.name());
            if (key.type() == ConfigKey.Type.STRING_LIST) {
                assertEquals("string", declaration.items().orElseThrow().type(), key.name());
            }
        }
        assertEquals(
                ConfigSchema.DEFAULT_REGION,
                project.config().get(ConfigSchema.AWS_REGION).value());
    }

    @Test
    void readmeConfigTableListsEveryKeyWithItsDefaultAndTheStacksThatReadIt() throws IOException {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        for (ConfigKey key : ConfigSchema.KEYS) {
            String shownDefault = key.defaultValue() instanceof List<?> list
                    ? list.toString().replace(" ", "")
                    : "".equals(key.defaultValue()) ? "\"\"" : String.valueOf(key.defaultValue());
            // The stacks column is the scope that ConfigLoader enforces: a key of the other stack kind is refused.
            String row = "| `" + key.name() + "` | " + key.type().pulumiName() + " | `" + shownDefault + "` | "
                    + key.scope().name().toLowerCase(java.util.Locale.ROOT) + " |";
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
