package io.vpclattice.multicluster.pulumicli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ValidateConfigValue} and {@code InferFullTypeName} of pulumi/pulumi {@code sdk/go/common/workspace/project.go}
 * (commit {@value PulumiProject#PULUMI_COMMIT}): whether a value decoded from YAML or JSON fits a declared config
 * type. The CLI uses it for {@code Pulumi.yaml} defaults (YAML-typed values) and for stack values (their text, or
 * the JSON of a list or map).
 */
public final class ConfigValueTypes {
    private ConfigValueTypes() {}

    public static boolean matches(String type, Optional<PulumiProject.ItemsType> items, Object value) {
        switch (type) {
            case "string" -> {
                return value instanceof String;
            }
            case "integer" -> {
                if (value instanceof Long) {
                    return true;
                }
                // YAML and JSON give whole numbers as floats too, and stack values arrive as text. Go's
                // f == math.Trunc(f) holds for an infinity too (not for NaN): the CLI fails such a default only
                // when it turns it into text (StackSettings).
                if (value instanceof Double d) {
                    return d == Math.rint(d);
                }
                return value instanceof String text && isGoAtoi(text);
            }
            case "boolean" -> {
                return value instanceof Boolean || "true".equals(value) || "false".equals(value);
            }
            case "object" -> {
                return value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance);
            }
            default -> {
                if (!(value instanceof List<?> list) || items.isEmpty()) {
                    return false;
                }
                return list.stream()
                        .allMatch(
                                item -> matches(items.get().type(), items.get().items(), item));
            }
        }
    }

    /** {@code array<array<string>>} for nested items, the plain type otherwise. */
    public static String fullName(String type, Optional<PulumiProject.ItemsType> items) {
        return items.map(i -> "array<" + fullName(i.type(), i.items()) + ">").orElse(type);
    }

    /** Go {@code strconv.Atoi}: an optional sign and decimal digits that fit in 64 bits. */
    private static boolean isGoAtoi(String text) {
        if (!text.matches("[+-]?[0-9]+")) {
            return false;
        }
        try {
            Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
