package io.vpclattice.multicluster.config;

import java.util.Optional;
import java.util.Set;

/**
 * The few values a stack's program needs from the other stacks' files: which stack is the environment, and where
 * each cluster runs. {@code pulumi up} reads them with a plain YAML library ({@link PlainStackFiles}); the offline
 * plan and the scripts read them with the Pulumi CLI's own load rules, so that they refuse what the CLI refuses.
 * Either way {@link ProjectStacks} decides from the same values.
 */
public interface StackFiles {

    String projectName();

    /** The {@code Pulumi.yaml} default of a project key, as text. */
    Optional<String> declaredDefault(String key);

    /** Stacks that have a {@code Pulumi.<stack>.yaml}, sorted. */
    Set<String> stackNames();

    /**
     * A project key's value in {@code Pulumi.<stack>.yaml} as the CLI hands it to that stack's program (a string as
     * written, a number or boolean as Go prints it, a list or map as JSON); empty when the file does not set it.
     */
    Optional<String> value(String stack, String key);

    /** Whether {@code Pulumi.<stack>.yaml} sets the project key encrypted ({@code secure:}), which only the CLI reads. */
    boolean encrypted(String stack, String key);

    static String fileName(String stack) {
        return "Pulumi." + stack + ".yaml";
    }
}
