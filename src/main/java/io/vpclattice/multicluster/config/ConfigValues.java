package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.config.ConfigKey.BooleanKey;
import io.vpclattice.multicluster.config.ConfigKey.IntegerKey;
import io.vpclattice.multicluster.config.ConfigKey.ObjectListKey;
import io.vpclattice.multicluster.config.ConfigKey.RuleContext;
import io.vpclattice.multicluster.config.ConfigKey.StringKey;
import io.vpclattice.multicluster.config.ConfigKey.StringListKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One reader per kind of key, for {@link ConfigLoader}: each value is read with the rule its key declares; a value
 * that breaks it is recorded as a problem naming the key, the value and what is expected, and the key's default
 * stands in for it so that reading goes on and every problem of a stack is reported at once.
 */
final class ConfigValues {
    private final ConfigSource source;
    private final String project;
    private final RuleContext context;
    private final List<String> problems = new ArrayList<>();

    ConfigValues(ConfigSource source, String project, RuleContext context) {
        this.source = source;
        this.project = project;
        this.context = context;
    }

    /** Every problem recorded so far, in the order found. */
    List<String> problems() {
        return problems;
    }

    /** Records a problem that is not one key's value (a rule across keys, a name built from several). */
    void problem(String line) {
        problems.add(line);
    }

    /** Whether {@code value}, as the CLI passes it, is the key's default (lists compared as JSON). */
    static boolean isDefault(ConfigKey<?> key, String value) {
        Object defaultValue = key.defaultValue();
        if (defaultValue instanceof List<?> list) {
            JsonNode defaultList = Mappers.JSON.valueToTree(list);
            return json(value).filter(defaultList::equals).isPresent();
        }
        return String.valueOf(defaultValue).equals(value.trim());
    }

    @SuppressWarnings("unchecked") // each kind of key reads the type it declares
    <T> T read(ConfigKey<T> key) {
        if (key instanceof StringKey k) {
            return (T) readString(k);
        } else if (key instanceof IntegerKey k) {
            return (T) readInteger(k);
        } else if (key instanceof BooleanKey k) {
            return (T) readBoolean(k);
        } else if (key instanceof ObjectListKey<?> k) {
            return (T) readObjects(k);
        } else {
            return (T) readList((StringListKey) key);
        }
    }

    private String readString(StringKey key) {
        String value = source.get(key.name()).orElse(key.defaultValue());
        Optional<String> structured = structuredValue(value);
        if (structured.isPresent()) {
            problem(key, value, "expected a string, not " + structured.get());
            return key.defaultValue();
        }
        Optional<String> broken = key.rule().problem(value, context);
        if (broken.isPresent()) {
            problem(key, value, ConfigRules.withQuotingHint(value, broken.get()));
            return key.defaultValue();
        }
        return value;
    }

    /** The CLI passes a list or map as JSON text; no string key of this project ever holds one. */
    private static Optional<String> structuredValue(String value) {
        String trimmed = value.trim();
        if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
            return Optional.empty();
        }
        return json(trimmed)
                .flatMap(node -> node.isArray()
                        ? Optional.of("a list")
                        : node.isObject() ? Optional.of("a map") : Optional.empty());
    }

    /** {@code text} as JSON, as the CLI passes lists and maps; empty when it is no JSON. */
    private static Optional<JsonNode> json(String text) {
        try {
            return Optional.ofNullable(Mappers.JSON.readTree(text));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Integer readInteger(IntegerKey key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return key.defaultValue();
        }
        String expected = "expected an integer from " + key.min() + " to " + key.max();
        int value;
        try {
            value = Integer.parseInt(raw.get().trim());
        } catch (NumberFormatException e) {
            problem(key, raw.get(), expected);
            return key.defaultValue();
        }
        if (value < key.min() || value > key.max()) {
            problem(key, raw.get(), expected);
            return key.defaultValue();
        }
        if (!key.allowed().isEmpty() && !key.allowed().contains(value)) {
            problem(
                    key,
                    raw.get(),
                    "expected one of "
                            + key.allowed().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            return key.defaultValue();
        }
        return value;
    }

    private Boolean readBoolean(BooleanKey key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return key.defaultValue();
        }
        return switch (raw.get().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, raw.get(), "expected true or false");
                yield key.defaultValue();
            }
        };
    }

    private List<String> readList(StringListKey key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return key.defaultValue();
        }
        Optional<JsonNode> list = json(raw.get()).filter(JsonNode::isArray);
        if (list.isEmpty()) {
            problem(
                    key,
                    raw.get(),
                    "expected a list of strings, e.g. set it with `pulumi config set --path '" + key.name()
                            + "[0]' <value>`");
            return key.defaultValue();
        }
        JsonNode node = list.get();
        if (node.isEmpty() && key.whyNotEmpty().isPresent()) {
            problem(key, raw.get(), key.whyNotEmpty().get());
        }
        var items = new ArrayList<String>();
        var seen = new HashSet<String>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = qualified(key.name()) + "[" + i + "]";
            if (!item.isTextual()) {
                problems.add(where + "=" + item + ": expected a string");
                continue;
            }
            String value = item.asText();
            Optional<String> broken = key.itemRule().problem(value, context);
            if (broken.isPresent()) {
                problem(where, value, broken.get());
            } else if (!seen.add(value)) {
                problem(where, value, "listed twice; remove the duplicate");
            } else {
                items.add(value);
            }
        }
        return List.copyOf(items);
    }

    private <T> List<T> readObjects(ObjectListKey<T> key) {
        Optional<String> raw = source.get(key.name());
        if (raw.isEmpty()) {
            return key.defaultValue();
        }
        JsonNode node =
                json(raw.get()).orElseGet(() -> Mappers.JSON.getNodeFactory().textNode(raw.get()));
        return key.reader().read(qualified(key.name()), node, context, problems);
    }

    void problem(ConfigKey<?> key, String value, String expected) {
        problem(qualified(key.name()), value, expected);
    }

    void problem(String fullKey, String value, String expected) {
        problems.add(fullKey + "=\"" + value + "\": " + expected);
    }

    String qualified(String name) {
        return project + ":" + name;
    }
}
