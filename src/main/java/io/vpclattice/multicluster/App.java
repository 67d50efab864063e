package io.vpclattice.multicluster;

import com.pulumi.Pulumi;
import io.vpclattice.multicluster.config.ConfigSource;
import io.vpclattice.multicluster.config.StacksCommand;
import io.vpclattice.multicluster.config.cli.ConfigCommand;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.offlineplan.PlanCommand;
import io.vpclattice.multicluster.stacks.Program;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point. {@code pulumi up} runs the jar without arguments; {@code java -jar <jar> plan [stack...]} writes
 * the offline plan of the given stacks; {@code java -jar <jar> config [stack]} prints what the Pulumi CLI would
 * hand a stack's program; {@code java -jar <jar> stacks [--json] [--environment | --clusters]} prints the project's
 * stacks, the environment first, as the program decides them.
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(PlanCommand.NAME)) {
            System.exit(
                    PlanCommand.run(Path.of(""), Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(ConfigCommand.NAME)) {
            System.exit(ConfigCommand.run(
                    Path.of(""), Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(StacksCommand.NAME)) {
            System.exit(StacksCommand.run(
                    Path.of(""), Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        Pulumi.run(ctx -> Program.define(
                ctx,
                Path.of(""),
                CrdStore.forDeployment(),
                ConfigSource.keysFromEnvironment(System.getenv("PULUMI_CONFIG"))));
    }
}
