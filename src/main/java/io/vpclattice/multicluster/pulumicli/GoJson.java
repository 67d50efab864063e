package io.vpclattice.multicluster.pulumicli;

import io.vpclattice.multicluster.config.StackFileRules;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code encoding/json.Marshal} for the values {@link GoYaml} produces: the text the Pulumi CLI hands a
 * program for a list or map config value, and for a number. Maps are written with sorted keys and strings with
 * Go's HTML-safe escaping, so the text is the CLI's byte for byte.
 */
public final class GoJson {
    private GoJson() {}

    public static String marshal(Object value) {
        var out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** {@code strconv.AppendFloat(f, 'f' or 'e', -1, 64)} as encoding/json chooses it. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            // encoding/json's UnsupportedValueError, with the value as strconv.FormatFloat(f, 'g', -1, 64) writes it.
            throw new IllegalArgumentException(
                    "json: unsupported value: " + (Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf"));
        }
        return StackFileRules.jsonNumber(value);
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean
                || value instanceof Long
                || value instanceof Integer
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(number(d));
        } else if (value instanceof GoYaml.Timestamp t) {
            // time.Time marshals as RFC 3339 with nanoseconds.
            string(t.rfc3339(), out);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (var entry : new TreeMap<>((Map<String, Object>) map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(entry.getKey(), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException(
                    "json: unsupported type: " + value.getClass().getSimpleName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
