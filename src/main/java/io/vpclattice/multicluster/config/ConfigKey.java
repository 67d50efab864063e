package io.vpclattice.multicluster.config;

import java.util.List;
import java.util.Objects;

/**
 * One declared configuration key: its type, default and meaning. The schema class lists them all;
 * {@code Pulumi.yaml} declares exactly the same keys (a test holds the two together).
 */
public record ConfigKey(String name, Type type, Object defaultValue, Scope scope, String description) {

    /** The types Pulumi's project-level config schema supports. */
    public enum Type {
        STRING("string"),
        INTEGER("integer"),
        BOOLEAN("boolean"),
        STRING_LIST("array");

        private final String pulumiName;

        Type(String pulumiName) {
            this.pulumiName = pulumiName;
        }

        public String pulumiName() {
            return pulumiName;
        }
    }

    /** Which stacks read the key; the other stacks ignore it. */
    public enum Scope {
        ALL,
        ENVIRONMENT,
        CLUSTER
    }

    public ConfigKey {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(defaultValue, () -> "every key needs a default: " + name);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(description);
        boolean defaultMatches = switch (type) {
            case STRING -> defaultValue instanceof String;
            case INTEGER -> defaultValue instanceof Integer;
            case BOOLEAN -> defaultValue instanceof Boolean;
            case STRING_LIST ->
                defaultValue instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
        };
        if (!defaultMatches) {
            throw new IllegalArgumentException("default of " + name + " does not match type " + type);
        }
    }
}
