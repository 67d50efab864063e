package io.vpclattice.multicluster.pulumicli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ProjectStacks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code stacks [--json] [--environment | --clusters]}: the project's stacks as {@link ProjectStacks} decides them
 * from {@code Pulumi.yaml} and the {@code Pulumi.<stack>.yaml} files, the environment first, then every cluster
 * stack, one per line; {@code --json} prints them as one JSON list instead; {@code --environment} and
 * {@code --clusters} print one role only. The operating scripts and the pull-request workflow read the stacks from
 * here, so they and the program never disagree. A usage error exits 2; files the CLI would refuse, or stack files
 * that disagree about the environment, exit 1; each after one line on stderr.
 */
public final class StacksCommand {
    public static final String NAME = "stacks";
    static final String USAGE = "usage: stacks [--json] [--environment | --clusters]";

    private StacksCommand() {}

    private enum Role {
        ALL,
        ENVIRONMENT,
        CLUSTERS
    }

    public static int run(Path projectDirectory, List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        Role role = Role.ALL;
        for (String arg : args) {
            if (arg.equals("--json") && !json) {
                json = true;
            } else if (arg.equals("--environment") && role == Role.ALL) {
                role = Role.ENVIRONMENT;
            } else if (arg.equals("--clusters") && role == Role.ALL) {
                role = Role.CLUSTERS;
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        try {
            ProjectStacks stacks = ProjectFiles.read(projectDirectory).stacks();
            List<String> shown = switch (role) {
                case ALL -> stacks.all();
                case ENVIRONMENT -> List.of(stacks.environment());
                case CLUSTERS -> stacks.clusters();
            };
            if (json) {
                out.println(Mappers.JSON.writeValueAsString(shown));
            } else {
                shown.forEach(out::println);
            }
            return 0;
        } catch (ConfigException | PulumiLoadException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (JsonProcessingException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
