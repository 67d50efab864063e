package io.vpclattice.multicluster.pulumicli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the CLI's Go code does with decoded YAML values that the load rules depend on. */
final class GoValues {
    private GoValues() {}

    /**
     * {@code SimplifyMarshalledProject}: the document as a map whose keys, at every depth, are strings.
     *
     * @return empty when the document is not a map
     * @throws PulumiLoadException for a key that is not a string, as {@code SimplifyMarshalledValue} refuses it
     */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> stringKeyedObject(Object document) {
        if (!(document instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        checkStringKeys(document);
        return Optional.of((Map<String, Object>) document);
    }

    private static void checkStringKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                if (!(key instanceof String)) {
                    throw new PulumiLoadException("expected only string keys, got '" + text(key) + "'");
                }
                checkStringKeys(inner);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(GoValues::checkStringKeys);
        }
    }

    /** {@code fmt.Sprintf("%v")} of a scalar: a float as {@code %g} ({@code 1e+06}, {@code +Inf}, {@code NaN}). */
    static String text(Object value) {
        if (value instanceof Double d) {
            return formatG(d, "+Inf", "-Inf", "NaN");
        } else if (value instanceof GoYaml.Timestamp t) {
            return t.goString();
        }
        return String.valueOf(value);
    }

    /**
     * The text yaml.v3's encoder writes for a scalar ({@code encode.go}: a float with
     * {@code strconv.FormatFloat(f, 'g', -1, 64)} and {@code .inf}, {@code -.inf}, {@code .nan}; a time in RFC 3339),
     * which is the node value the CLI's second decoding of a stack file reports in its messages.
     */
    static String yamlText(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Double d) {
            return formatG(d, ".inf", "-.inf", ".nan");
        } else if (value instanceof GoYaml.Timestamp t) {
            return t.rfc3339();
        }
        return String.valueOf(value);
    }

    /**
     * Go's {@code strconv.FormatFloat(f, 'g', -1, 64)} ({@code strconv/ftoa.go}): the shortest digits, in
     * exponent form when the exponent is below -4 or at least 6 (the shortest form's precision), with an
     * exponent of at least two digits.
     */
    static String formatG(double value, String positiveInfinity, String negativeInfinity, String nan) {
        if (Double.isNaN(value)) {
            return nan;
        } else if (Double.isInfinite(value)) {
            return value > 0 ? positiveInfinity : negativeInfinity;
        } else if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int magnitude = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
        }
        return sign + exact.toPlainString();
    }

    /** {@code json.Unmarshal} into {@code any}: numbers become float64. */
    static Object fromJson(JsonNode node) {
        if (node.isNull()) {
            return null;
        } else if (node.isTextual()) {
            return node.asText();
        } else if (node.isNumber()) {
            return node.asDouble();
        } else if (node.isBoolean()) {
            return node.asBoolean();
        } else if (node.isArray()) {
            var list = new java.util.ArrayList<Object>();
            node.forEach(item -> list.add(fromJson(item)));
            return list;
        }
        var map = new LinkedHashMap<Object, Object>();
        node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
        return map;
    }

    /** The value as the JSON the project schema validates. */
    static JsonNode toJson(Object value) {
        var nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof String s) {
            return nodes.textNode(s);
        } else if (value instanceof Long l) {
            return nodes.numberNode(l);
        } else if (value instanceof BigInteger b) {
            return nodes.numberNode(b);
        } else if (value instanceof Double d) {
            return nodes.numberNode(d);
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof GoYaml.Timestamp t) {
            return nodes.textNode(t.goString());
        } else if (value instanceof List<?> list) {
            var array = nodes.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        ObjectNode object = nodes.objectNode();
        new LinkedHashMap<>((Map<?, ?>) value).forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
        return object;
    }
}
