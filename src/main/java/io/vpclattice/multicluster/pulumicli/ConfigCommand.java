package io.vpclattice.multicluster.pulumicli;

import io.vpclattice.multicluster.Mappers;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code config [stack]}: loads {@code Pulumi.yaml} and, given a stack, {@code Pulumi.<stack>.yaml} with the
 * Pulumi CLI's rules and prints the configuration the CLI would hand that stack's program, as JSON (encrypted
 * values as {@code "[secret]"}). Where the CLI would refuse, prints its message and exits as the CLI does (255).
 * The scripts' fake {@code pulumi} loads the project through this, so it fails wherever the real CLI fails.
 */
public final class ConfigCommand {
    public static final String NAME = "config";
    /** The Pulumi CLI's exit status for a command that failed. */
    static final int CLI_FAILURE = 255;

    private ConfigCommand() {}

    public static int run(Path projectDirectory, List<String> args, PrintStream out, PrintStream err) {
        if (args.size() > 1 || (args.size() == 1 && args.get(0).startsWith("-"))) {
            err.println("usage: config [stack]");
            return 2;
        }
        try {
            PulumiProject project = PulumiProject.load(projectDirectory);
            if (args.isEmpty()) {
                out.println(project.name());
                return 0;
            }
            StackSettings settings = StackSettings.load(project, projectDirectory, args.get(0));
            settings.warnings().forEach(warning -> err.println("warning: " + warning));
            var shown = new TreeMap<String, String>(settings.values());
            settings.secretKeys().forEach(key -> shown.put(key, "[secret]"));
            out.println(Mappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(shown));
            return 0;
        } catch (PulumiLoadException e) {
            err.println("error: " + e.getMessage());
            return CLI_FAILURE;
        } catch (java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
