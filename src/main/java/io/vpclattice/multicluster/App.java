package io.vpclattice.multicluster;

import com.pulumi.Pulumi;
import io.vpclattice.multicluster.config.ConfigSource;
import io.vpclattice.multicluster.config.SchemaCommand;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.offlineplan.PermissionsCommand;
import io.vpclattice.multicluster.offlineplan.PlanCommand;
import io.vpclattice.multicluster.pulumicli.ConfigCommand;
import io.vpclattice.multicluster.pulumicli.StacksCommand;
import io.vpclattice.multicluster.stacks.Program;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point. {@code pulumi up} runs the jar without arguments, with the engine's address in the environment;
 * the commands below run without Pulumi, from the project directory.
 */
public final class App {
    private App() {}

    static final String USAGE = """
            usage: java -jar target/vpc-lattice-multicluster.jar <command> [options]
              (without a command, Pulumi runs the program: pulumi up, pulumi preview)
            commands:
              plan [--out DIR] [--environment-plan FILE] [--stack-files DIR] [--aws-facts FILE] [stack...]
                                 the offline plan: what each stack would create, without AWS or Pulumi
              stacks [--json] [--environment | --clusters]
                                 the project's stacks, the environment first
              config [stack]     what the Pulumi CLI would hand the stack's program
              schema [--write]   Pulumi.yaml's config block as the program declares it
              permissions [--stack-files DIR] [--stack STACK] | --write
                                 the AWS permissions each stack's deployer needs, from the stacks' plans
            each command answers --help""";

    /**
     * The variable the Pulumi language host sets for the program it starts (the engine's address); without it the
     * program is not being run by Pulumi.
     */
    static final String PULUMI_MONITOR = "PULUMI_MONITOR";

    public static void main(String[] args) {
        var arguments = List.of(args);
        if (arguments.isEmpty() && System.getenv(PULUMI_MONITOR) != null) {
            Pulumi.run(ctx -> Program.define(
                    ctx,
                    Path.of(""),
                    CrdStore.forDeployment(),
                    ConfigSource.keysFromEnvironment(System.getenv("PULUMI_CONFIG"))));
            return;
        }
        System.exit(run(Path.of(""), arguments, System.out, System.err));
    }

    /**
     * A command of the jar; its exit status. Each command reports what it refuses in one line; anything else that
     * escapes one is a fault of the program, reported in one line too, with where it happened, never as a stack
     * trace in front of a user who only gave it a stack file.
     */
    static int run(Path directory, List<String> arguments, PrintStream out, PrintStream err) {
        try {
            return command(directory, arguments, out, err);
        } catch (RuntimeException e) {
            err.println("error: an unexpected " + e.getClass().getSimpleName() + " (" + e.getMessage() + ") at "
                    + where(e) + ": a fault of this program, not of your files; please report it with the command"
                    + " and the stack files");
            return 1;
        }
    }

    /** The innermost frame of the program's own code. */
    static String where(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(App.class.getPackageName())) {
                return frame.getFileName() + ":" + frame.getLineNumber();
            }
        }
        return "an unknown place";
    }

    private static int command(Path directory, List<String> arguments, PrintStream out, PrintStream err) {
        if (arguments.isEmpty()) {
            err.println("error: no command, and not started by Pulumi (" + PULUMI_MONITOR + " is not set)");
            err.println(USAGE);
            return 2;
        }
        List<String> rest = arguments.subList(1, arguments.size());
        return switch (arguments.get(0)) {
            case PlanCommand.NAME -> PlanCommand.run(directory, rest, out, err);
            case StacksCommand.NAME -> StacksCommand.run(directory, rest, out, err);
            case ConfigCommand.NAME -> ConfigCommand.run(directory, rest, out, err);
            case SchemaCommand.NAME -> SchemaCommand.run(directory, rest, out, err);
            case PermissionsCommand.NAME -> PermissionsCommand.run(directory, rest, out, err);
            case "--help", "-h", "help" -> {
                out.println(USAGE);
                yield 0;
            }
            default -> {
                err.println("error: unknown command " + arguments.get(0));
                err.println(USAGE);
                yield 2;
            }
        };
    }
}
