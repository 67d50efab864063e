package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.pulumicli.PulumiProject;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulumi.yaml and the README are written from the schema, and the CLI reads what the schema declares. */
class ConfigSchemaTest {
    private static final Path REPOSITORY = StackHarness.REPOSITORY;
    private static final String FIX = "; run `java -jar target/vpc-lattice-multicluster.jar schema --write`";

    @Test
    void pulumiYamlsConfigBlockIsTheSchemas() throws IOException {
        String pulumiYaml = Files.readString(REPOSITORY.resolve("Pulumi.yaml"));
        assertEquals(ConfigDocs.rewritePulumiYaml(pulumiYaml), pulumiYaml, "Pulumi.yaml differs from the schema" + FIX);
    }

    @Test
    void readmesConfigTableIsTheSchemas() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        assertEquals(
                ConfigDocs.rewriteReadme(readme), readme, "README.md's config table differs from the schema" + FIX);
    }

    /**
     * Read as the CLI reads it (its own rules, from its source), so that a default the CLI types differently from
     * its declaration (an unquoted 1.35) or a type it does not know fails here.
     */
    @Test
    void theCliReadsEveryKeyWithTheTypeAndDefaultTheSchemaDeclares() {
        var project = PulumiProject.load(REPOSITORY);
        var declared = new TreeSet<String>();
        project.config().keySet().stream().filter(project::isProjectKey).forEach(declared::add);
        assertEquals(
                new TreeSet<>(ConfigSchema.KEYS.stream().map(ConfigKey::name).toList()), declared);
        for (ConfigKey<?> key : ConfigSchema.KEYS) {
            var declaration = project.config().get(key.name());
            assertEquals(Optional.of(key.type().pulumiName()), declaration.type(), key.name());
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
    void everyDefaultPassesItsOwnRule() {
        // The defaults are what most users run: each stack kind must load with no configuration at all.
        assertInstanceOf(EnvironmentStackConfig.class, ConfigLoaderTest.load("environment", Map.of()));
        assertInstanceOf(ClusterStackConfig.class, ConfigLoaderTest.load("cluster1", Map.of()));
    }

    @Test
    void everyKeyIsDescribedAndNamedOnce() {
        var names = new TreeSet<String>();
        for (ConfigKey<?> key : ConfigSchema.KEYS) {
            assertTrue(names.add(key.name()), "declared twice: " + key.name());
            assertTrue(key.description().endsWith("."), "a description is a sentence: " + key.name());
            assertEquals(Optional.of(key), ConfigSchema.find(key.name()));
        }
    }
}
