package io.vpclattice.multicluster.config;

import com.pulumi.exceptions.RunException;

import java.util.List;

/**
 * A user error in stack configuration. Extends {@link RunException} so the Pulumi engine reports the
 * message alone, without a stack trace, and fails the update before any resource is registered.
 */
public final class ConfigException extends RunException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** Each problem names the key, the value and what is expected. */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.size() == 1) {
            return "invalid configuration: " + problems.get(0);
        }
        return "invalid configuration (" + problems.size() + " problems): " + String.join("; ", problems);
    }
}
