package io.vpclattice.multicluster.pulumicli;

import java.math.BigInteger;
import java.util.List;

/**
 * The Go type a value decoded by {@link GoYaml} has in the CLI, with the names the CLI's messages use for it:
 * {@code %T} ({@code float64}) and yaml.v3's tag ({@code !!float}).
 */
enum GoKind {
    NULL("<nil>", "!!null"),
    STRING("string", "!!str"),
    INT("int", "!!int"),
    UINT("uint64", "!!int"),
    FLOAT("float64", "!!float"),
    BOOL("bool", "!!bool"),
    TIME("time.Time", "!!timestamp"),
    SEQUENCE("[]interface {}", "!!seq"),
    MAP("map[string]interface {}", "!!map");

    final String typeName;
    final String yamlTag;

    GoKind(String typeName, String yamlTag) {
        this.typeName = typeName;
        this.yamlTag = yamlTag;
    }

    static GoKind of(Object value) {
        if (value == null) {
            return NULL;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof Long) {
            return INT;
        } else if (value instanceof BigInteger) {
            return UINT;
        } else if (value instanceof Double) {
            return FLOAT;
        } else if (value instanceof Boolean) {
            return BOOL;
        } else if (value instanceof GoYaml.Timestamp) {
            return TIME;
        } else if (value instanceof List<?>) {
            return SEQUENCE;
        }
        return MAP;
    }
}
