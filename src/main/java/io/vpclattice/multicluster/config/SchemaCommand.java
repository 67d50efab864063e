package io.vpclattice.multicluster.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code schema [--write]}: prints {@code Pulumi.yaml}'s config block as {@link ConfigSchema} declares it, or with
 * {@code --write} rewrites that block and the README's config table in the project directory. Add or change a key
 * in the schema, then run this.
 */
public final class SchemaCommand {
    public static final String NAME = "schema";
    public static final String USAGE = """
            usage: schema [--write]
              prints Pulumi.yaml's config block as the program declares it (ConfigSchema);
              --write rewrites it in Pulumi.yaml, and the tables of keys in README.md and docs/configuration.md""";

    private SchemaCommand() {}

    public static int run(Path projectDirectory, List<String> args, PrintStream out, PrintStream err) {
        if (args.equals(List.of("--help")) || args.equals(List.of("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.isEmpty()) {
            out.print(ConfigDocs.pulumiYamlConfig());
            return 0;
        }
        if (!args.equals(List.of("--write"))) {
            err.println(USAGE);
            return 2;
        }
        try {
            rewrite(projectDirectory.resolve("Pulumi.yaml"), ConfigDocs::rewritePulumiYaml);
            rewrite(projectDirectory.resolve("README.md"), ConfigDocs::rewriteReadme);
            rewrite(projectDirectory.resolve("docs/configuration.md"), ConfigDocs::rewriteReference);
            out.println("wrote Pulumi.yaml, README.md and docs/configuration.md");
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static void rewrite(Path file, java.util.function.UnaryOperator<String> change) throws IOException {
        String text = Files.readString(file);
        String changed = change.apply(text);
        if (!changed.equals(text)) {
            Files.writeString(file, changed);
        }
    }
}
