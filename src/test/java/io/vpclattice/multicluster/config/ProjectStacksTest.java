package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.policies.CallerRule;
import io.vpclattice.multicluster.pulumicli.ProjectFiles;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which stack is the environment: one decision for the program, the offline plan and the scripts. Each case is a
 * project written to disk (Pulumi.yaml's environmentStack default and the stack files) and read as the CLI reads
 * it, with the stacks expected or the one line the refusal gives.
 */
class ProjectStacksTest {
    private static final Path PROJECT = StackHarness.REPOSITORY;
    private static final String KEY = "vpc-lattice-multicluster:environmentStack";
    private static final String CLUSTER = "config:\n  vpc-lattice-multicluster:allowedCallers: []\n";

    private static String environmentStack(String value) {
        return "config:\n  " + KEY + ": " + value + "\n";
    }

    /** A stack file for each entry (stack to file content), and Pulumi.yaml with {@code projectDefault}. */
    static Path project(Path directory, String projectDefault, Map<String, String> stackFiles) throws IOException {
        String pulumiYaml = Files.readString(PROJECT.resolve("Pulumi.yaml"));
        String declared = "  environmentStack:\n    type: string\n    default: \"environment\"\n";
        assertTrue(pulumiYaml.contains(declared), "Pulumi.yaml declares environmentStack as this test expects");
        Files.writeString(
                directory.resolve("Pulumi.yaml"),
                pulumiYaml.replace(
                        declared, "  environmentStack:\n    type: string\n    default: " + projectDefault + "\n"));
        for (var file : stackFiles.entrySet()) {
            Files.writeString(directory.resolve("Pulumi." + file.getKey() + ".yaml"), file.getValue());
        }
        return directory;
    }

    /**
     * The decision from the files as {@code pulumi up} reads them (a plain YAML library) and as the offline plan and
     * the scripts read them (the CLI's rules): the same stacks, or the same refusal.
     */
    private static List<java.util.function.Supplier<ProjectStacks>> readers(Path directory) {
        return List.of(
                () -> ProjectStacks.read(PlainStackFiles.read(directory)),
                () -> ProjectFiles.read(directory).stacks());
    }

    private static Map<String, String> files(String... stackAndContent) {
        var files = new LinkedHashMap<String, String>();
        for (int i = 0; i < stackAndContent.length; i += 2) {
            files.put(stackAndContent[i], stackAndContent[i + 1]);
        }
        return files;
    }

    record Case(
            String name,
            String projectDefault,
            Map<String, String> stackFiles,
            String environment,
            List<String> clusters,
            String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "the default: every file leaves it to Pulumi.yaml",
                        "environment",
                        files("environment", "config: {}\n", "cluster1", CLUSTER, "cluster2", CLUSTER),
                        "environment",
                        List.of("cluster1", "cluster2"),
                        null),
                new Case(
                        "renamed in Pulumi.yaml",
                        "shared",
                        files("shared", "config: {}\n", "cluster1", CLUSTER, "cluster2", CLUSTER),
                        "shared",
                        List.of("cluster1", "cluster2"),
                        null),
                new Case(
                        "renamed in every stack file",
                        "environment",
                        files(
                                "shared",
                                environmentStack("shared"),
                                "cluster1",
                                environmentStack("shared"),
                                "cluster2",
                                environmentStack("shared")),
                        "shared",
                        List.of("cluster1", "cluster2"),
                        null),
                new Case(
                        "renamed in Pulumi.yaml and repeated in a stack file",
                        "shared",
                        files("shared", environmentStack("shared"), "cluster1", CLUSTER),
                        "shared",
                        List.of("cluster1"),
                        null),
                new Case(
                        "an environment without a stack file of its own, named by the default",
                        "environment",
                        files("cluster1", CLUSTER, "cluster2", CLUSTER),
                        "environment",
                        List.of("cluster1", "cluster2"),
                        null),
                new Case(
                        "no stack file at all: the Pulumi.yaml default",
                        "environment",
                        files(),
                        "environment",
                        List.of(),
                        null),
                new Case("no stack file, renamed in Pulumi.yaml", "shared", files(), "shared", List.of(), null),
                new Case(
                        "stack files disagree",
                        "environment",
                        files("environment", "config: {}\n", "shared", environmentStack("shared"), "cluster1", CLUSTER),
                        null,
                        null,
                        "invalid configuration: the stack files disagree on " + KEY
                                + ", which decides which stack is the "
                                + "environment: Pulumi.cluster1.yaml, Pulumi.environment.yaml name \"environment\" (the "
                                + "Pulumi.yaml default) but Pulumi.shared.yaml names \"shared\"; set it once, as the default in "
                                + "Pulumi.yaml, or to the same value in every stack file"),
                new Case(
                        "renamed in the stack files only, forgetting the environment's own",
                        "environment",
                        files(
                                "environment",
                                "config: {}\n",
                                "cluster1",
                                environmentStack("shared"),
                                "cluster2",
                                environmentStack("shared")),
                        null,
                        null,
                        "invalid configuration: the stack files disagree on " + KEY
                                + ", which decides which stack is the "
                                + "environment: Pulumi.environment.yaml names \"environment\" (the Pulumi.yaml default) but "
                                + "Pulumi.cluster1.yaml, Pulumi.cluster2.yaml name \"shared\"; set it once, as the default in "
                                + "Pulumi.yaml, or to the same value in every stack file"),
                new Case(
                        "the named environment has no stack file, so its program reads the default",
                        "environment",
                        files("cluster1", environmentStack("shared"), "cluster2", environmentStack("shared")),
                        null,
                        null,
                        "invalid configuration: Pulumi.cluster1.yaml, Pulumi.cluster2.yaml name \"shared\" with " + KEY
                                + ", but there is no Pulumi.shared.yaml, so stack shared would get the Pulumi.yaml default "
                                + "\"environment\" and build a cluster; set the default in Pulumi.yaml to \"shared\", or add "
                                + "Pulumi.shared.yaml setting it"),
                new Case(
                        "not a stack name",
                        "environment",
                        files("cluster1", environmentStack("\"my env\"")),
                        null,
                        null,
                        "invalid configuration: " + KEY + "=\"my env\" (Pulumi.cluster1.yaml): expected a Pulumi stack "
                                + "name (letters, digits, '_', '.', '-')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesTheEnvironmentAsEveryStacksProgramDoes(Case example, @TempDir Path directory) throws IOException {
        project(directory, example.projectDefault(), example.stackFiles());
        for (var reader : readers(directory)) {
            if (example.refusal() == null) {
                var stacks = reader.get();
                assertEquals(example.environment(), stacks.environment());
                assertEquals(example.clusters(), stacks.clusters());
            } else {
                assertEquals(
                        example.refusal(),
                        assertThrows(ConfigException.class, reader::get).getMessage());
            }
        }
    }

    @Test
    void theFixtureProjectsStacks() {
        var stacks = ProjectStacks.read(PlainStackFiles.read(StackHarness.PROJECT));
        assertEquals(List.of("environment", "cluster1", "cluster2"), stacks.all());
        assertTrue(stacks.isEnvironment("environment"));
        assertEquals(Set.of("apps"), stacks.calls().clientNamespaces("cluster1"), "the demo's, and cluster2 calls it");
    }

    /** Other encrypted values are the CLI's business; this one decides the roles and must be readable. */
    @Test
    void anEncryptedEnvironmentStackIsRefused(@TempDir Path directory) throws IOException {
        project(
                directory,
                "environment",
                files(
                        "cluster1",
                        "config:\n  " + KEY + ":\n    secure: AAABAxyz\n",
                        "cluster2",
                        "config:\n  aws:secretKey:\n    secure: AAABAxyz\n"));
        for (var reader : readers(directory)) {
            assertEquals(
                    "invalid configuration: " + KEY + " in Pulumi.cluster1.yaml is encrypted; it decides which stack "
                            + "is the environment, so it must be plain text",
                    assertThrows(ConfigException.class, reader::get).getMessage());
        }
    }

    @Test
    void anUnquotedAccountIdIsRefusedWithTheHintToQuoteIt(@TempDir Path directory) throws IOException {
        project(
                directory,
                "environment",
                files(
                        "cluster1",
                        CLUSTER,
                        "cluster2",
                        "config:\n  vpc-lattice-multicluster:accountId: 012345678901\n"));
        for (var reader : readers(directory)) {
            String message = assertThrows(ConfigException.class, reader::get).getMessage();
            assertTrue(
                    message.startsWith("invalid configuration: vpc-lattice-multicluster:accountId=\"12345678901\""
                            + " (Pulumi.cluster2.yaml): expected a 12-digit AWS account id"),
                    message);
            assertTrue(message.contains("quote the value as you meant it"), message);
        }
    }

    /**
     * A caller's namespace gets the client identity in the caller's cluster, wherever the service that admits it is
     * configured; so does every namespace where a service runs.
     */
    @Test
    void callersAndServicesMakeTheirNamespacesClientNamespacesOfTheirCluster(@TempDir Path directory)
            throws IOException {
        project(
                directory,
                "environment",
                files(
                        "cluster1",
                        "config:\n  vpc-lattice-multicluster:services:\n"
                                + "    - {name: orders, image: nginx:1.27, port: 8081, namespace: shop,"
                                + " callers: [cluster2/payments, cluster1/shop]}\n"
                                + "    - {name: stock, image: nginx:1.27, port: 8081, callers: [cluster2/apps]}\n",
                        "cluster2",
                        "config:\n  vpc-lattice-multicluster:allowedCallers: [cluster1/shop]\n"));
        for (var reader : readers(directory)) {
            var calls = reader.get().calls();
            assertEquals(Set.of("apps", "shop"), calls.clientNamespaces("cluster1"));
            assertEquals(Set.of("apps", "payments"), calls.clientNamespaces("cluster2"));
        }
    }

    /** Stack files as values, without the YAML: {@code stack -> key -> value as the CLI hands it}. */
    private record MemoryFiles(Map<String, Map<String, String>> values, Set<String> encryptedKeys)
            implements StackFiles {
        @Override
        public String projectName() {
            return "vpc-lattice-multicluster";
        }

        @Override
        public java.util.Optional<String> declaredDefault(String key) {
            return java.util.Optional.empty();
        }

        @Override
        public Set<String> stackNames() {
            return values.keySet();
        }

        @Override
        public java.util.Optional<String> value(String stack, String key) {
            return java.util.Optional.ofNullable(
                    values.getOrDefault(stack, Map.of()).get(key));
        }

        @Override
        public boolean encrypted(String stack, String key) {
            return encryptedKeys.contains(stack + ":" + key);
        }
    }

    /**
     * Callers are read leniently for every stack: what is not {@code <cluster>/<namespace>} is left out (the stack's
     * own run refuses it); a services value that is no list of services, or empty, leaves the demo with its
     * allowedCallers.
     */
    @Test
    void whoCallsWhomIsReadLenientlyFromEveryStacksValues() {
        var files = new MemoryFiles(
                Map.of(
                        "environment",
                        Map.of(),
                        "cluster1",
                        Map.of(
                                "services",
                                "[{\"name\":\"orders\",\"namespace\":\"shop\",\"callers\":[\"cluster2/web\","
                                        + "\"cluster2\",\"/apps\",\"cluster2/\",\"a/b/c\",5]}]",
                                "accountId",
                                "210987654321"),
                        "cluster2",
                        Map.of("allowedCallers", "[\"cluster1/shop\"]", "accountId", ""),
                        "cluster3",
                        Map.of("services", "[]", "allowedCallers", "[\"cluster1/batch\"]"),
                        "cluster4",
                        Map.of("services", "not json", "allowedCallers", "[\"cluster1/ops\"]"),
                        "cluster5",
                        Map.of("services", "{\"callers\":[\"cluster1/web\"]}", "allowedCallers", "[\"cluster1/web\"]")),
                Set.of());
        var stacks = ProjectStacks.read(files);
        assertEquals(List.of("cluster1", "cluster2", "cluster3", "cluster4", "cluster5"), stacks.clusters());
        assertEquals(
                new ProjectCalls(
                        Map.of(
                                "cluster1", Set.of("shop"),
                                "cluster2", Set.of("apps"),
                                "cluster3", Set.of("apps"),
                                "cluster4", Set.of("apps"),
                                "cluster5", Set.of("apps")),
                        Map.of(
                                "cluster1", List.of(new CallerRule("cluster2", "web")),
                                "cluster2", List.of(new CallerRule("cluster1", "shop")),
                                "cluster3", List.of(new CallerRule("cluster1", "batch")),
                                "cluster4", List.of(new CallerRule("cluster1", "ops")),
                                "cluster5", List.of(new CallerRule("cluster1", "web")))),
                stacks.calls());
        assertEquals(Map.of("cluster1", "210987654321"), stacks.accounts().named(), "an empty accountId names none");
    }

    @Test
    void anEncryptedAccountIdIsRefused() {
        var files =
                new MemoryFiles(Map.of("environment", Map.of(), "cluster1", Map.of()), Set.of("cluster1:accountId"));
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:accountId in Pulumi.cluster1.yaml is encrypted; every"
                        + " stack reads it to name that cluster's account, so it must be plain text",
                assertThrows(ConfigException.class, () -> ProjectStacks.read(files))
                        .getMessage());
    }

    @Test
    void theDecisionNamesItsFilesInTheRightNumber() {
        assertEquals(
                "invalid configuration: Pulumi.cluster1.yaml names \"shared\" with " + KEY + ", but there is no"
                        + " Pulumi.shared.yaml, so stack shared would get the Pulumi.yaml default \"environment\" and"
                        + " build a cluster; set the default in Pulumi.yaml to \"shared\", or add Pulumi.shared.yaml"
                        + " setting it",
                assertThrows(
                                ConfigException.class,
                                () -> ProjectStacks.decide(KEY, "environment", Map.of("cluster1", "shared")))
                        .getMessage());
        assertEquals(
                "invalid configuration: " + KEY + "=\"my env\" (Pulumi.yaml): expected a Pulumi stack name (letters,"
                        + " digits, '_', '.', '-')",
                assertThrows(ConfigException.class, () -> ProjectStacks.decide(KEY, "my env", Map.of()))
                        .getMessage());
    }
}
