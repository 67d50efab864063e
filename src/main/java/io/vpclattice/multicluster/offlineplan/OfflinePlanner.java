package io.vpclattice.multicluster.offlineplan;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ConfigSchema;
import io.vpclattice.multicluster.config.ProjectStacks;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.pulumicli.ProjectFiles;
import io.vpclattice.multicluster.pulumicli.PulumiLoadException;
import io.vpclattice.multicluster.stacks.Program;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs stacks of the program in-process under Pulumi's mock engine, in one JVM, and records what each would
 * register. A cluster stack's reference to the environment is answered from the environment's own plan, so a
 * plan proves the wiring between stacks. Tests plan stacks with it too (testing/StackHarness).
 */
public final class OfflinePlanner {
    /** The organisation of a self-managed backend, which the plan stands for. */
    public static final String ORGANIZATION = "organization";

    private final Path projectDirectory;
    private final CrdStore crdStore;
    private final UnaryOperator<Mocks> answers;
    private final AwsFacts facts;
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notPlanned = new ArrayList<>();
    private ProjectFiles files;

    public OfflinePlanner(Path projectDirectory, CrdStore crdStore) {
        this(projectDirectory, crdStore, UnaryOperator.identity());
    }

    /**
     * @param answers wraps the stand-ins, so a test can make AWS answer otherwise (a region with fewer zones)
     */
    public OfflinePlanner(Path projectDirectory, CrdStore crdStore, UnaryOperator<Mocks> answers) {
        this(projectDirectory, crdStore, answers, AwsFacts.NONE);
    }

    /**
     * @param facts what AWS runs now ({@code --aws-facts}): the stand-ins answer the preflight's questions about
     *              running clusters from it; {@link AwsFacts#NONE}: every cluster is new
     */
    public OfflinePlanner(Path projectDirectory, CrdStore crdStore, UnaryOperator<Mocks> answers, AwsFacts facts) {
        this.projectDirectory = projectDirectory;
        this.crdStore = crdStore;
        this.answers = answers;
        this.facts = facts;
    }

    /** The project's files, read once per planner: each stack file is loaded once however often it is needed. */
    public synchronized ProjectFiles files() {
        if (files == null) {
            files = ProjectFiles.read(projectDirectory);
        }
        return files;
    }

    /**
     * The project's stacks and their roles, as every stack's program decides them.
     *
     * @throws ConfigException when the stack files disagree about which stack is the environment
     * @throws PulumiLoadException when the CLI would refuse Pulumi.yaml or a stack file
     */
    public ProjectStacks stacks() {
        return files().stacks();
    }

    /**
     * Plans {@code stacks} from the project's files, the environment first. A cluster stack needs the
     * environment's outputs, so the environment is planned even when not asked for (and then not returned).
     */
    public List<StackPlan> planFromFiles(List<String> stacks) {
        return planFromFiles(stacks, Optional.empty());
    }

    /**
     * @param environmentOutputs outputs of an earlier plan of the environment, used instead of planning it again
     *                           when the environment is not among {@code stacks}
     */
    public List<StackPlan> planFromFiles(List<String> stacks, Optional<Map<String, Object>> environmentOutputs) {
        var files = files();
        String project = files.projectName();
        String environment = files.stacks().environment();
        var configs = new LinkedHashMap<String, Map<String, String>>();
        var unreadable = new LinkedHashMap<String, String>();
        for (String stack : stacks) {
            try {
                var settings = files.stackSettings(stack);
                warnings.addAll(settings.warnings());
                configs.put(stack, ProjectFiles.withoutSecrets(stack, settings));
            } catch (ConfigException | PulumiLoadException e) {
                unreadable.put(stack, e.getMessage());
            }
        }

        var plans = new LinkedHashMap<String, StackPlan>();
        unreadable.forEach((stack, message) -> plans.put(stack, failed(project, stack, message)));
        Map<String, Map<String, Object>> references = Map.of();
        if (environmentOutputs.isPresent() && !configs.containsKey(environment)) {
            references = Map.of(Names.stackReference(ORGANIZATION, project, environment), environmentOutputs.get());
        } else if (!configs.isEmpty()) {
            StackPlan environmentPlan;
            try {
                environmentPlan = plan(
                        project,
                        environment,
                        configs.containsKey(environment) ? configs.get(environment) : files.stackConfig(environment),
                        Map.of());
            } catch (ConfigException | PulumiLoadException e) {
                environmentPlan = failed(project, environment, e.getMessage());
            }
            if (stacks.contains(environment)) {
                plans.put(environment, environmentPlan);
            }
            if (environmentPlan.succeeded()) {
                references =
                        Map.of(Names.stackReference(ORGANIZATION, project, environment), environmentPlan.outputs());
            }
        }
        for (var entry : configs.entrySet()) {
            if (entry.getKey().equals(environment)) {
                continue;
            }
            if (references.isEmpty()) {
                // Its stack reference has nothing to answer with: one line for all of them says why.
                notPlanned.add(entry.getKey());
            } else {
                plans.put(entry.getKey(), plan(project, entry.getKey(), entry.getValue(), references));
            }
        }
        // Environment first, then the rest in the order asked.
        var ordered = new ArrayList<StackPlan>();
        if (plans.containsKey(environment)) {
            ordered.add(plans.remove(environment));
        }
        stacks.stream().filter(plans::containsKey).forEach(s -> ordered.add(plans.get(s)));
        return ordered;
    }

    private static StackPlan failed(String project, String stack, String message) {
        return new StackPlan(
                project, stack, List.of(), List.of(), List.of(), Map.of(), Optional.of(message), List.of());
    }

    /**
     * Plans one stack with the given configuration (fully qualified keys, as the CLI passes them).
     *
     * @param referencedStacks outputs of stacks the program may reference, by full reference name
     */
    public StackPlan plan(
            String project,
            String stack,
            Map<String, String> config,
            Map<String, Map<String, Object>> referencedStacks) {
        long started = System.nanoTime();
        String region = config.getOrDefault(ConfigSchema.AWS_REGION, ConfigSchema.DEFAULT_REGION);
        String account = Optional.ofNullable(config.get(project + ":" + ConfigSchema.ACCOUNT_ID.name()))
                .filter(id -> !id.isBlank())
                .orElse(PlanMocks.ACCOUNT);
        var standIns = new PlanMocks(
                region,
                account,
                Optional.ofNullable(config.get(project + ":" + ConfigSchema.CLUSTER_ADMIN_ARN.name()))
                        .filter(arn -> !arn.isBlank()),
                referencedStacks,
                facts);
        Mocks mocks = answers.apply(standIns);
        var monitor = new RecordingMonitor[1];
        var warnings = new WarningLog();
        // Inside the program, so that stack files that disagree fail this plan as they fail a real run.
        Consumer<Context> program = ctx -> Program.define(ctx, stacks(), crdStore, config.keySet());
        TestResult result;
        try {
            result = PulumiTestInternal.builder()
                    .options(TestOptions.builder()
                            .organizationName(ORGANIZATION)
                            .projectName(project)
                            .stackName(stack)
                            .preview(false)
                            .build())
                    .mocks(mocks)
                    .config(config)
                    // Failures are reported once, as the plan's error, not as the engine's stack traces; the
                    // program's warnings are kept for the plan.
                    .standardLogger(warnings.logger)
                    .monitorDecorator(ignored -> monitor[0] = new RecordingMonitor(mocks))
                    .build()
                    .runTest(program);
        } finally {
            PulumiTest.cleanup();
        }
        var resources = monitor[0].registrations.stream()
                .sorted(Comparator.comparing(PlannedResource::urn))
                .toList();
        var outputs = new LinkedHashMap<String, Object>();
        result.outputs().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> outputs.put(e.getKey(), plainOutput(e.getValue())));
        timings.put(stack, (System.nanoTime() - started) / 1_000_000);
        return new StackPlan(
                project,
                stack,
                resources,
                standIns.referencedStacks(),
                standIns.invokes(),
                outputs,
                error(result),
                warnings.messages());
    }

    /**
     * The engine logger's {@code WARNING} records: {@code ctx.log().warn} logs its message there before sending it
     * to the engine (com.pulumi 1.36.1 {@code DeploymentImpl.DefaultEngineLogger.warnAsync}), which the mock engine
     * keeps nothing of. Everything else (errors, which become the plan's error) is dropped.
     */
    private static final class WarningLog {
        final Logger logger = Logger.getAnonymousLogger();
        private final Queue<String> messages = new ConcurrentLinkedQueue<>();

        WarningLog() {
            logger.setUseParentHandlers(false);
            logger.setLevel(Level.WARNING);
            logger.addHandler(new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (Level.WARNING.equals(record.getLevel()) && record.getMessage() != null) {
                        messages.add(record.getMessage());
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            });
        }

        List<String> messages() {
            return List.copyOf(messages);
        }
    }

    /** What the CLI accepts but a user should know, e.g. a stack value YAML reads as a number; in reading order. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Cluster stacks asked for but not planned because the environment's plan failed, in the order asked. */
    public List<String> notPlanned() {
        return Collections.unmodifiableList(notPlanned);
    }

    /** Wall time of each stack planned so far, in milliseconds, in planning order. */
    public Map<String, Long> timings() {
        return Collections.unmodifiableMap(timings);
    }

    private static Object plainOutput(Output<?> output) {
        var data = PulumiTestInternal.extractOutputData(output);
        if (data.isSecret()) {
            return "[secret]";
        }
        return data.isKnown() ? data.getValueNullable() : "[unknown]";
    }

    private static Optional<String> error(TestResult result) {
        for (Throwable exception : result.exceptions()) {
            Throwable cause = exception;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RunException || cause instanceof ConfigException) {
                return Optional.of(cause.getMessage());
            }
            return Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        if (!result.errors().isEmpty()) {
            return Optional.of(String.join("; ", result.errors()));
        }
        return result.exitCode() == 0
                ? Optional.empty()
                : Optional.of("the program exited with code " + result.exitCode());
    }
}
