package io.vpclattice.multicluster.testing;

import com.pulumi.test.Mocks;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.offlineplan.AwsFacts;
import io.vpclattice.multicluster.offlineplan.OfflinePlanner;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.pulumicli.ProjectFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The one test harness: plans stacks of this project under the mock engine, exactly as {@code scripts/plan.sh}
 * does, with config overrides per test, and answers questions about the result.
 */
public final class StackHarness {
    /** The checkout: Pulumi.yaml, the examples, the README. */
    public static final Path REPOSITORY = Path.of("").toAbsolutePath();
    /**
     * The project the tests plan: this checkout's Pulumi.yaml with the test fixtures' stack files
     * ({@code src/test/resources/fixtures/default}), so a user's edit to their own stack files never breaks a test.
     */
    public static final Path PROJECT = fixtureProject("default");

    public static final String PROJECT_NAME = "vpc-lattice-multicluster";

    private static final Map<String, StackPlan> ENVIRONMENTS = new ConcurrentHashMap<>();

    private StackHarness() {}

    /** Never downloads: plans show the Gateway API CRDs' bodies only where the upstream copies are beside the project. */
    public static CrdStore crdStore() {
        return CrdStore.offline(
                Optional.of(UpstreamCrds.Sources.fromEnvironment().shared().resolve("crds/gateway-api")));
    }

    public static StackPlan environment(Map<String, String> overrides) {
        return overrides.isEmpty() ? defaultEnvironment(PROJECT) : plan(PROJECT, "environment", overrides, Map.of());
    }

    /** Plans the environment with defaults, then {@code stack} reading it. */
    public static StackPlan cluster(String stack, Map<String, String> overrides) {
        return cluster(PROJECT, stack, overrides);
    }

    /** @param answers wraps the plan's stand-ins, to make AWS answer otherwise */
    public static StackPlan cluster(String stack, Map<String, String> overrides, UnaryOperator<Mocks> answers) {
        return cluster(PROJECT, stack, overrides, answers);
    }

    public static StackPlan cluster(Path project, String stack, Map<String, String> overrides) {
        return cluster(project, stack, overrides, UnaryOperator.identity());
    }

    /** @param answers wraps the plan's stand-ins, to make AWS answer otherwise */
    public static StackPlan cluster(
            Path project, String stack, Map<String, String> overrides, UnaryOperator<Mocks> answers) {
        return cluster(project, stack, overrides, answers, AwsFacts.NONE);
    }

    /**
     * Plans {@code stack} against the default environment with {@code facts} as what AWS runs now, as
     * {@code scripts/plan.sh --aws-facts FILE} does.
     */
    public static StackPlan cluster(String stack, Map<String, String> overrides, AwsFacts facts) {
        return cluster(PROJECT, stack, overrides, UnaryOperator.identity(), facts);
    }

    private static StackPlan cluster(
            Path project, String stack, Map<String, String> overrides, UnaryOperator<Mocks> answers, AwsFacts facts) {
        StackPlan environment = defaultEnvironment(project);
        return plan(
                project,
                stack,
                overrides,
                Map.of(
                        Names.stackReference(OfflinePlanner.ORGANIZATION, PROJECT_NAME, "environment"),
                        environment.outputs()),
                answers,
                facts);
    }

    /**
     * The environment of {@code project} with its files' settings, planned once per JVM for each content of the
     * files it reads: every cluster plan needs it, and planning it for each would double the tests' time.
     */
    public static StackPlan defaultEnvironment(Path project) {
        String key;
        try {
            key = project.toAbsolutePath() + "\n" + Files.readString(project.resolve("Pulumi.yaml")) + "\n"
                    + Files.readString(project.resolve("Pulumi.environment.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackPlan environment =
                ENVIRONMENTS.computeIfAbsent(key, k -> plan(project, "environment", Map.of(), Map.of()));
        if (!environment.succeeded()) {
            throw new AssertionError(
                    "environment plan failed: " + environment.error().orElseThrow());
        }
        return environment;
    }

    /**
     * @param overrides keys without a namespace belong to the project; {@code null} values remove a key
     */
    public static StackPlan plan(
            Path project, String stack, Map<String, String> overrides, Map<String, Map<String, Object>> references) {
        return plan(project, stack, overrides, references, UnaryOperator.identity());
    }

    public static StackPlan plan(
            Path project,
            String stack,
            Map<String, String> overrides,
            Map<String, Map<String, Object>> references,
            UnaryOperator<Mocks> answers) {
        return plan(project, stack, overrides, references, answers, AwsFacts.NONE);
    }

    /** @param facts what AWS runs now; {@link AwsFacts#NONE}: every cluster is new */
    public static StackPlan plan(
            Path project,
            String stack,
            Map<String, String> overrides,
            Map<String, Map<String, Object>> references,
            UnaryOperator<Mocks> answers,
            AwsFacts facts) {
        var config = new HashMap<>(ProjectFiles.read(project).stackConfig(stack));
        overrides.forEach((key, value) -> {
            String full = key.contains(":") ? key : PROJECT_NAME + ":" + key;
            if (value == null) {
                config.remove(full);
            } else {
                config.put(full, value);
            }
        });
        return new OfflinePlanner(project, crdStore(), answers, facts).plan(PROJECT_NAME, stack, config, references);
    }

    public static StackPlan succeeded(StackPlan plan) {
        if (!plan.succeeded()) {
            throw new AssertionError(
                    "plan of " + plan.stack() + " failed: " + plan.error().orElseThrow());
        }
        return plan;
    }

    /** Every resource of {@code type} in the plan. */
    public static List<PlannedResource> ofType(StackPlan plan, String type) {
        return plan.resources().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The resource of {@code type} named {@code name}; fails when there is none. */
    public static PlannedResource named(StackPlan plan, String type, String name) {
        return plan.resources().stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + type + " named " + name + " in the plan of " + plan.stack()));
    }

    public static Optional<PlannedResource> byUrn(StackPlan plan, String urn) {
        return plan.resources().stream().filter(r -> r.urn().equals(urn)).findFirst();
    }

    /** The single resource of {@code type}; fails when there is none or several. */
    public static PlannedResource only(StackPlan plan, String type) {
        List<PlannedResource> found = ofType(plan, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " in " + plan.stack() + ", found " + found.size());
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    public static Object at(PlannedResource resource, String path) {
        Object node = resource.inputs();
        for (String part : path.split("\\.", -1)) {
            if (node instanceof Map<?, ?> map) {
                node = ((Map<String, Object>) map).get(part);
            } else if (node instanceof List<?> list && part.matches("\\d+")) {
                node = list.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return node;
    }

    public static boolean dependsOn(PlannedResource resource, PlannedResource other) {
        return resource.dependsOn().contains(other.urn());
    }

    /** Follows dependencies transitively. */
    public static boolean reaches(StackPlan plan, PlannedResource from, PlannedResource to) {
        var seen = new java.util.HashSet<String>();
        var queue = new java.util.ArrayDeque<String>(from.dependsOn());
        while (!queue.isEmpty()) {
            String urn = queue.poll();
            if (urn.equals(to.urn())) {
                return true;
            }
            if (seen.add(urn)) {
                byUrn(plan, urn).ifPresent(r -> queue.addAll(r.dependsOn()));
            }
        }
        return false;
    }

    /**
     * A project made of this checkout's Pulumi.yaml and the stack files of {@code src/test/resources/fixtures/<name>},
     * in {@code target/fixtures/<name>}.
     */
    public static Path fixtureProject(String name) {
        Path directory = REPOSITORY.resolve("target/fixtures").resolve(name);
        Path fixtures = REPOSITORY.resolve("src/test/resources/fixtures").resolve(name);
        try {
            Files.createDirectories(directory);
            Files.copy(
                    REPOSITORY.resolve("Pulumi.yaml"),
                    directory.resolve("Pulumi.yaml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (var files = Files.list(fixtures)) {
                for (Path file : files.toList()) {
                    Files.copy(
                            file,
                            directory.resolve(file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the fixture project in {@code directory}, with extra stack files, for stacks it lacks. */
    public static Path copyProject(Path directory, Map<String, String> extraStackFiles) {
        try {
            for (String file :
                    List.of("Pulumi.yaml", "Pulumi.environment.yaml", "Pulumi.cluster1.yaml", "Pulumi.cluster2.yaml")) {
                Files.copy(PROJECT.resolve(file), directory.resolve(file));
            }
            for (var entry : extraStackFiles.entrySet()) {
                Files.writeString(directory.resolve("Pulumi." + entry.getKey() + ".yaml"), entry.getValue());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stand-ins, but the caller is a session of {@code role}, in the role's account. */
    public static UnaryOperator<Mocks> callerIs(String role) {
        String account = role.split(":", -1)[4];
        return standIns -> answering(
                standIns,
                "aws:index/getCallerIdentity:getCallerIdentity",
                Map.of(
                        "accountId",
                        account,
                        "arn",
                        role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/ci",
                        "id",
                        account,
                        "userId",
                        "AROA:ci"));
    }

    /** The stand-ins, but AWS answers {@code token} with {@code result}. */
    public static Mocks answering(Mocks standIns, String token, Map<String, Object> result) {
        return new Mocks() {
            @Override
            public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
                return standIns.newResourceAsync(args);
            }

            @Override
            public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
                return args.token.equals(token) ? CompletableFuture.completedFuture(result) : standIns.callAsync(args);
            }
        };
    }

    /** A copy of this project with the stack files of {@code examples/<example>} in place of its own. */
    public static Path copyExample(Path directory, String example) {
        copyProject(directory, Map.of());
        try (var files = Files.list(REPOSITORY.resolve("examples").resolve(example))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("Pulumi\\..+\\.yaml"))
                    .toList()) {
                Files.copy(
                        file, directory.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
