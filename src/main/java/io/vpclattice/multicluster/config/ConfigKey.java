package io.vpclattice.multicluster.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared configuration key: its type, default, which stacks read it, its meaning and its rule. The schema
 * ({@link ConfigSchema}) lists them all; {@code Pulumi.yaml}'s config block and the README's config table are
 * generated from it ({@link ConfigDocs}), so a key is declared, documented and checked in one place.
 *
 * @param <T> the value the program reads
 */
public sealed interface ConfigKey<T>
        permits ConfigKey.StringKey,
                ConfigKey.IntegerKey,
                ConfigKey.BooleanKey,
                ConfigKey.StringListKey,
                ConfigKey.ObjectListKey {

    String name();

    T defaultValue();

    Scope scope();

    String description();

    Type type();

    /** The types Pulumi's project-level config schema supports, as this project uses them. */
    enum Type {
        STRING("string"),
        INTEGER("integer"),
        BOOLEAN("boolean"),
        STRING_LIST("array"),
        OBJECT_LIST("array");

        private final String pulumiName;

        Type(String pulumiName) {
            this.pulumiName = pulumiName;
        }

        /** The name {@code Pulumi.yaml} declares the type with. */
        public String pulumiName() {
            return pulumiName;
        }
    }

    /** Which stacks read the key; the other stacks ignore it, so a value set there is refused. */
    enum Scope {
        ALL,
        ENVIRONMENT,
        CLUSTER
    }

    /**
     * What is wrong with a value, if anything, as the text after {@code key="value": }: what is expected and, where
     * it helps, the fix.
     */
    @FunctionalInterface
    interface Rule {
        Optional<String> problem(String value, RuleContext context);

        /** Any value is fine. */
        static Rule none() {
            return (value, context) -> Optional.empty();
        }

        /** A rule that needs nothing but the value. */
        static Rule of(java.util.function.Function<String, Optional<String>> rule) {
            return (value, context) -> rule.apply(value);
        }
    }

    /**
     * What a rule may need besides the value: the stack, its region, and the project's stacks.
     *
     * @param stack  the stack being configured
     * @param region the stack's {@code aws:region}
     * @param stacks the project's stacks and their roles
     */
    record RuleContext(String stack, String region, ProjectStacks stacks) {}

    /** @param rule what the text must be */
    record StringKey(String name, String defaultValue, Scope scope, String description, Rule rule)
            implements ConfigKey<String> {
        public StringKey {
            Objects.requireNonNull(name);
            Objects.requireNonNull(defaultValue, () -> "every key needs a default: " + name);
            Objects.requireNonNull(scope);
            Objects.requireNonNull(description);
            Objects.requireNonNull(rule);
        }

        @Override
        public Type type() {
            return Type.STRING;
        }
    }

    /**
     * @param allowed when not empty, the only values AWS accepts (within {@code min..max})
     */
    record IntegerKey(
            String name, Integer defaultValue, Scope scope, String description, int min, int max, List<Integer> allowed)
            implements ConfigKey<Integer> {
        public IntegerKey {
            Objects.requireNonNull(name);
            Objects.requireNonNull(scope);
            Objects.requireNonNull(description);
            Objects.requireNonNull(defaultValue);
            allowed = List.copyOf(allowed);
            if (defaultValue < min || defaultValue > max) {
                throw new IllegalArgumentException("default of " + name + " outside " + min + ".." + max);
            }
        }

        public IntegerKey(String name, int defaultValue, Scope scope, String description, int min, int max) {
            this(name, defaultValue, scope, description, min, max, List.of());
        }

        @Override
        public Type type() {
            return Type.INTEGER;
        }
    }

    record BooleanKey(String name, Boolean defaultValue, Scope scope, String description)
            implements ConfigKey<Boolean> {
        public BooleanKey {
            Objects.requireNonNull(name);
            Objects.requireNonNull(defaultValue);
            Objects.requireNonNull(scope);
            Objects.requireNonNull(description);
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    /**
     * A list of strings, each checked by {@code itemRule}; an item listed twice is refused.
     *
     * @param whyNotEmpty when present, an empty list is refused with this reason
     */
    record StringListKey(
            String name,
            List<String> defaultValue,
            Scope scope,
            String description,
            Rule itemRule,
            Optional<String> whyNotEmpty)
            implements ConfigKey<List<String>> {
        public StringListKey {
            Objects.requireNonNull(name);
            defaultValue = List.copyOf(defaultValue);
            Objects.requireNonNull(scope);
            Objects.requireNonNull(description);
            Objects.requireNonNull(itemRule);
            Objects.requireNonNull(whyNotEmpty);
        }

        public StringListKey(String name, List<String> defaultValue, Scope scope, String description, Rule itemRule) {
            this(name, defaultValue, scope, description, itemRule, Optional.empty());
        }

        @Override
        public Type type() {
            return Type.STRING_LIST;
        }
    }

    /**
     * A list of objects ({@code type: array} with {@code items: {type: object}} in {@code Pulumi.yaml}; the CLI checks
     * only that each item is a map), each read and checked by {@code reader}. Its default is the empty list.
     *
     * @param <T> what one item becomes
     */
    record ObjectListKey<T>(String name, Scope scope, String description, ItemsReader<T> reader)
            implements ConfigKey<List<T>> {
        public ObjectListKey {
            Objects.requireNonNull(name);
            Objects.requireNonNull(scope);
            Objects.requireNonNull(description);
            Objects.requireNonNull(reader);
        }

        @Override
        public List<T> defaultValue() {
            return List.of();
        }

        @Override
        public Type type() {
            return Type.OBJECT_LIST;
        }
    }

    /** Reads the items of an {@link ObjectListKey}, adding a problem for each bad one. */
    @FunctionalInterface
    interface ItemsReader<T> {
        List<T> read(
                String qualifiedKey,
                com.fasterxml.jackson.databind.JsonNode list,
                RuleContext context,
                List<String> problems);
    }
}
