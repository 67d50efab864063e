package io.vpclattice.multicluster.pulumicli;

import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectFilesTest {
    private static final Path PROJECT = StackHarness.PROJECT;

    @Test
    void stackConfigIsProjectDefaultsThenTheStackFileAsTheCliPassesIt() {
        var config = ProjectFiles.read(PROJECT).stackConfig("cluster1");
        assertEquals("eu-west-1", config.get("aws:region"));
        assertEquals("10.0.0.0/16", config.get("vpc-lattice-multicluster:vpcCidr"));
        assertEquals("3", config.get("vpc-lattice-multicluster:availabilityZoneCount"));
        assertEquals("true", config.get("vpc-lattice-multicluster:httpListener"));
        assertEquals("[\"cluster2/apps\"]", config.get("vpc-lattice-multicluster:allowedCallers"));
        assertEquals("[\"apps\"]", config.get("vpc-lattice-multicluster:clientNamespaces"));
    }

    @Test
    void theProjectsStacksAreItsSettingsFiles() {
        assertEquals(
                Set.of("environment", "cluster1", "cluster2"),
                ProjectFiles.read(PROJECT).stackNames());
    }

    @Test
    void aKeyPulumiYamlDoesNotDeclareReachesTheProgramAsTheCliPassesIt(@TempDir Path directory) throws IOException {
        // The CLI does not refuse it; the program does (ConfigLoaderTest), so a typo is never silently ignored.
        Files.copy(PROJECT.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Files.writeString(
                directory.resolve("Pulumi.cluster9.yaml"),
                "config:\n  vpc-lattice-multicluster:vpcCdir: 10.1.0.0/16\n");
        assertEquals(
                "10.1.0.0/16",
                ProjectFiles.read(directory).stackConfig("cluster9").get("vpc-lattice-multicluster:vpcCdir"));
    }

    @Test
    void anEncryptedValueCannotBePlannedOffline(@TempDir Path directory) throws IOException {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Files.writeString(
                directory.resolve("Pulumi.cluster9.yaml"), "config:\n  aws:secretKey:\n    secure: AAABAxyz\n");
        var files = ProjectFiles.read(directory);
        assertEquals(Set.of("aws:secretKey"), files.stackSettings("cluster9").secretKeys());
        var message = assertThrows(ConfigException.class, () -> files.stackConfig("cluster9"))
                .getMessage();
        assertTrue(message.contains("aws:secretKey in Pulumi.cluster9.yaml is encrypted"), message);
    }

    @Test
    void providerKeysAndStackOverridesPassThrough(@TempDir Path directory) throws IOException {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Files.writeString(
                directory.resolve("Pulumi.west.yaml"),
                "config:\n  aws:region: us-west-2\n  vpc-lattice-multicluster:nodeMaxSize: 4\n");
        var config = ProjectFiles.read(directory).stackConfig("west");
        assertEquals("us-west-2", config.get("aws:region"));
        assertEquals("4", config.get("vpc-lattice-multicluster:nodeMaxSize"));
    }

    @Test
    void withoutPulumiYamlTheOfflinePlanSaysWhereToRunIt(@TempDir Path directory) {
        var message = assertThrows(PulumiLoadException.class, () -> ProjectFiles.read(directory))
                .getMessage();
        assertTrue(message.contains("no Pulumi.yaml in"), message);
    }

    @Test
    void aStackFileTheCliRefusesIsRefusedWithTheClisMessage(@TempDir Path directory) throws IOException {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Files.writeString(directory.resolve("Pulumi.cluster1.yaml"), "config: {}\n");
        Files.writeString(
                directory.resolve("Pulumi.cluster2.yaml"), "config:\n  vpc-lattice-multicluster:nodeMaxSize: many\n");
        assertEquals(
                "Stack 'cluster2' with configuration key 'nodeMaxSize' must be of type 'integer'",
                assertThrows(
                                PulumiLoadException.class,
                                () -> ProjectFiles.read(directory).stacks())
                        .getMessage());
    }

    @Test
    void eachStackFileIsReadOnce(@TempDir Path directory) throws IOException {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Files.writeString(directory.resolve("Pulumi.cluster1.yaml"), "config: {}\n");
        var files = ProjectFiles.read(directory);
        assertEquals(files.stackSettings("cluster1"), files.stackSettings("cluster1"));
        var stacks = files.stacks();
        Files.writeString(
                directory.resolve("Pulumi.cluster1.yaml"), "config:\n  vpc-lattice-multicluster:environmentStack: x\n");
        assertEquals(stacks, files.stacks(), "decided once per ProjectFiles, from the files as first read");
    }
}
