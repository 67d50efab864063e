package io.vpclattice.multicluster.offlineplan;

import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Spelling;
import io.vpclattice.multicluster.pulumicli.PulumiLoadException;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code plan [--out DIR] [--environment-plan FILE] [--stack-files DIR] [--aws-facts FILE] [stack...]}: plans the given stacks (default: every stack of
 * the project, {@link io.vpclattice.multicluster.config.ProjectStacks#all()}: the environment, then every cluster stack) in this JVM and writes {@code DIR/<stack>.json} (default
 * {@code target/plan}). Cluster stacks read the environment's outputs from its plan, made in the same run unless
 * {@code --environment-plan} names an earlier one. {@code --stack-files} plans the project with the
 * {@code Pulumi.<stack>.yaml} files of another directory in place of its own (an example under {@code examples/}).
 * {@code --aws-facts} says what AWS runs now ({@link AwsFacts}), so that a change of an existing cluster, such as an
 * upgrade, is planned as the deployment would make it; without it every cluster is new.
 * Exits 1 when any stack fails, after printing why.
 */
public final class PlanCommand {
    public static final String NAME = "plan";
    static final String USAGE = """
            usage: plan [--out DIR] [--environment-plan FILE] [--stack-files DIR] [--aws-facts FILE] [--timings] [stack...]
              plans the stacks (default: every stack, the environment first) under Pulumi's mock engine and writes
              DIR/<stack>.json (default target/plan)
              --environment-plan FILE  answer the clusters' stack reference from an earlier plan of the environment
              --stack-files DIR        plan with the Pulumi.<stack>.yaml files of DIR instead of the project's own
              --aws-facts FILE         what AWS runs now (clusters, node groups, add-ons and their versions), e.g.
                                         clusters:
                                           eks-cluster1: { version: "1.34" }
                                       without it, every cluster is planned as new
              --timings                print how long each stack took""";

    private PlanCommand() {}

    public static int run(Path projectDirectory, List<String> args, PrintStream out, PrintStream err) {
        Path outDirectory = projectDirectory.resolve("target").resolve("plan");
        Optional<Path> environmentPlan = Optional.empty();
        boolean timings = false;
        Optional<Path> stackFiles = Optional.empty();
        Optional<Path> factsFile = Optional.empty();
        var stacks = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--help") || args.get(i).equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (args.get(i).equals("--out") && i + 1 < args.size()) {
                outDirectory = Path.of(args.get(++i));
            } else if (args.get(i).equals("--environment-plan") && i + 1 < args.size()) {
                environmentPlan = Optional.of(Path.of(args.get(++i)));
            } else if (args.get(i).equals("--stack-files") && i + 1 < args.size()) {
                stackFiles = Optional.of(Path.of(args.get(++i)));
            } else if (args.get(i).equals("--aws-facts") && i + 1 < args.size()) {
                factsFile = Optional.of(Path.of(args.get(++i)));
            } else if (args.get(i).equals("--timings")) {
                timings = true;
            } else if (args.get(i).startsWith("-")) {
                err.println(USAGE);
                return 2;
            } else {
                stacks.add(args.get(i));
            }
        }
        if (stackFiles.isPresent() && !Files.isDirectory(stackFiles.get())) {
            err.println("error: --stack-files " + stackFiles.get() + ": not a directory");
            return 2;
        }
        AwsFacts facts = AwsFacts.NONE;
        if (factsFile.isPresent()) {
            try {
                facts = AwsFacts.read(factsFile.get());
            } catch (IOException | IllegalArgumentException e) {
                err.println("error: --aws-facts " + factsFile.get() + ": " + e.getMessage());
                return 2;
            }
        }
        try {
            long started = System.nanoTime();
            if (timings) {
                err.printf(
                        "timing: JVM start to main %d ms%n",
                        ManagementFactory.getRuntimeMXBean().getUptime());
            }
            Path planned =
                    stackFiles.isPresent() ? withStackFiles(projectDirectory, stackFiles.get()) : projectDirectory;
            var planner = new OfflinePlanner(planned, CrdStore.offline(), UnaryOperator.identity(), facts);
            List<String> known = planner.stacks().all();
            if (stacks.isEmpty()) {
                stacks.addAll(known);
            }
            for (String stack : stacks) {
                if (!known.contains(stack)) {
                    err.println("error: unknown stack '" + stack + "': the project's stacks are "
                            + String.join(", ", known) + Spelling.didYouMean(stack, known)
                            + "; a new cluster stack needs its Pulumi.<stack>.yaml");
                    return 2;
                }
            }
            var eksClusters = known.stream().map(Names::eksCluster).toList();
            facts.clusters().keySet().stream()
                    .filter(cluster -> !eksClusters.contains(cluster))
                    .forEach(cluster -> err.println("warning: --aws-facts names " + cluster
                            + ", which no stack of the project creates (the EKS cluster of stack <s> is eks-<s>)"));
            Optional<Map<String, Object>> environmentOutputs;
            try {
                environmentOutputs = environmentPlan.isPresent()
                        ? Optional.of(PlanWriter.readOutputs(environmentPlan.get()))
                        : Optional.empty();
            } catch (IOException e) {
                err.println("error: cannot read the environment plan " + environmentPlan.get() + ": " + e.getMessage());
                return 1;
            }
            int failures = 0;
            List<StackPlan> plans = planner.planFromFiles(stacks, environmentOutputs);
            planner.warnings().forEach(warning -> err.println("warning: " + warning));
            if (timings) {
                planner.timings().forEach((stack, millis) -> err.printf("timing: plan of %s %d ms%n", stack, millis));
                err.printf("timing: main to every stack planned %d ms%n", (System.nanoTime() - started) / 1_000_000);
            }
            for (StackPlan plan : plans) {
                plan.warnings().forEach(warning -> err.println("warning: stack " + plan.stack() + ": " + warning));
                if (plan.succeeded()) {
                    PlanWriter.printTree(plan, out);
                    out.println("  wrote " + PlanWriter.write(plan, outDirectory));
                } else {
                    failures++;
                    err.println(
                            "error: stack " + plan.stack() + ": " + plan.error().orElseThrow());
                }
            }
            if (!planner.notPlanned().isEmpty()) {
                failures++;
                err.println("error: not planned, because they read the environment, whose plan failed: "
                        + String.join(", ", planner.notPlanned()));
            }
            return failures == 0 ? 0 : 1;
        } catch (ConfigException | PulumiLoadException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot write the plan: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The project's {@code Pulumi.yaml} with the stack files of {@code stackFiles} in place of the project's own,
     * in a new directory: a stack the directory has no file for is not a stack of that plan.
     */
    static Path withStackFiles(Path projectDirectory, Path stackFiles) throws IOException {
        Path copy = Files.createTempDirectory("plan-stack-files");
        copy.toFile().deleteOnExit();
        copyMatching(projectDirectory, "Pulumi\\.ya?ml", copy);
        copyMatching(stackFiles, "Pulumi\\.[^.]+\\.ya?ml", copy);
        return copy;
    }

    private static void copyMatching(Path from, String fileName, Path to) throws IOException {
        try (var files = Files.list(from)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches(fileName))
                    .toList()) {
                Path target = to.resolve(file.getFileName().toString());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
            }
        }
    }
}
