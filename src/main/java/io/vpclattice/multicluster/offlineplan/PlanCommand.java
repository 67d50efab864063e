package io.vpclattice.multicluster.offlineplan;

import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.cli.PulumiLoadException;
import io.vpclattice.multicluster.crdfiles.CrdStore;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code plan [--out DIR] [--environment-plan FILE] [stack...]}: plans the given stacks (default: every stack of
 * the project, {@link io.vpclattice.multicluster.config.ProjectStacks#all()}: the environment, then every cluster stack) in this JVM and writes {@code DIR/<stack>.json} (default
 * {@code target/plan}). Cluster stacks read the environment's outputs from its plan, made in the same run unless
 * {@code --environment-plan} names an earlier one. Exits 1 when any stack fails, after printing why.
 */
public final class PlanCommand {
    public static final String NAME = "plan";
    static final String USAGE = "usage: plan [--out DIR] [--environment-plan FILE] [--timings] [stack...]";

    private PlanCommand() {
    }

    public static int run(Path projectDirectory, List<String> args, PrintStream out, PrintStream err) {
        Path outDirectory = projectDirectory.resolve("target").resolve("plan");
        Optional<Path> environmentPlan = Optional.empty();
        boolean timings = false;
        var stacks = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--out") && i + 1 < args.size()) {
                outDirectory = Path.of(args.get(++i));
            } else if (args.get(i).equals("--environment-plan") && i + 1 < args.size()) {
                environmentPlan = Optional.of(Path.of(args.get(++i)));
            } else if (args.get(i).equals("--timings")) {
                timings = true;
            } else if (args.get(i).startsWith("-")) {
                err.println(USAGE);
                return 2;
            } else {
                stacks.add(args.get(i));
            }
        }
        try {
            long started = System.nanoTime();
            if (timings) {
                err.printf("timing: JVM start to main %d ms%n", ManagementFactory.getRuntimeMXBean().getUptime());
            }
            var planner = new OfflinePlanner(projectDirectory, CrdStore.offline());
            if (stacks.isEmpty()) {
                stacks.addAll(planner.stacks().all());
            }
            Optional<Map<String, Object>> environmentOutputs = environmentPlan.isPresent()
                    ? Optional.of(PlanWriter.readOutputs(environmentPlan.get()))
                    : Optional.empty();
            int failures = 0;
            List<StackPlan> plans = planner.planFromFiles(stacks, environmentOutputs);
            planner.warnings().forEach(warning -> err.println("warning: " + warning));
            if (timings) {
                planner.timings().forEach((stack, millis) -> err.printf("timing: plan of %s %d ms%n", stack, millis));
                err.printf("timing: main to every stack planned %d ms%n", (System.nanoTime() - started) / 1_000_000);
            }
            for (StackPlan plan : plans) {
                if (plan.succeeded()) {
                    PlanWriter.printTree(plan, out);
                    out.println("  wrote " + PlanWriter.write(plan, outDirectory));
                } else {
                    failures++;
                    err.println("error: stack " + plan.stack() + ": " + plan.error().orElseThrow());
                }
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
}
