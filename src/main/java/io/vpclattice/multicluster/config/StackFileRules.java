package io.vpclattice.multicluster.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the Pulumi CLI does with a stack file's {@code config:} that both readers of stack files refuse with the same
 * message: the CLI's load rules ({@code pulumicli/StackSettings}, the offline plan, the scripts) and the plain reader
 * {@code pulumi up} reads the other stacks' files with ({@link PlainStackFiles}). Read from pulumi/pulumi at commit
 * 1b5949891b3cefcb9974752b24a5ecef0acc86c8 and gopkg.in/yaml.v3 v3.0.1.
 */
public final class StackFileRules {
    private StackFileRules() {}

    /**
     * The key the CLI files a written config key under, as {@code LoadProjectStackBytes} namespaces it
     * ({@code stackConfigNamespacedWithProject}, {@code sdk/go/common/workspace/loaders.go}: a key without a colon
     * gets the project's name) and {@code config.ParseKey} parses it ({@code sdk/go/common/resource/config/key.go}:
     * {@code <namespace>:<name>}, or the legacy {@code <namespace>:config:<name>}); empty for a key it cannot parse.
     */
    public static Optional<String> qualifiedKey(String project, String written) {
        String key = written.contains(":") ? written : project + ":" + written;
        String[] parts = key.split(":", -1);
        if (parts.length == 2) {
            return Optional.of(key);
        }
        if (parts.length == 3 && parts[1].equals("config") && !parts[0].isEmpty() && !parts[2].isEmpty()) {
            return Optional.of(parts[0] + ":" + parts[2]);
        }
        return Optional.empty();
    }

    /**
     * A key written under two or more spellings ({@code kubernetesVersion}, {@code <project>:kubernetesVersion},
     * {@code <project>:config:kubernetesVersion}). The CLI files each spelling into one Go map entry, first when it
     * namespaces the keys and again when it parses them ({@code config.Map.UnmarshalYAML}), both times walking a Go
     * map, whose order is random: which value the program gets changes from run to run, and the CLI says nothing.
     *
     * @param writtenKeys the keys of {@code config:} as written, in file order
     * @return the message for the first such key, in file order
     */
    public static Optional<String> writtenTwice(String file, String project, List<String> writtenKeys) {
        var spellings = new LinkedHashMap<String, List<String>>();
        for (String written : writtenKeys) {
            qualifiedKey(project, written)
                    .ifPresent(key -> spellings
                            .computeIfAbsent(key, k -> new ArrayList<>())
                            .add(written));
        }
        return spellings.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .findFirst()
                .map(entry -> file + " sets " + entry.getKey() + " "
                        + times(entry.getValue().size()) + ", as "
                        + String.join(" and as ", entry.getValue())
                        + "; the Pulumi CLI would keep one of them at random: keep one");
    }

    private static String times(int count) {
        return count == 2 ? "twice" : count + " times";
    }

    /**
     * The first value YAML reads as an infinity or not-a-number ({@code .inf}, {@code -.inf}, {@code .nan}),
     * which the CLI cannot hand to a program: it turns every stack value into text with {@code encoding/json}
     * ({@code object.MarshalString}, {@code sdk/go/common/resource/config/object.go}), which refuses such floats,
     * and stops with {@code invalid YAML file: could not unmarshal map: json: unsupported value: +Inf}
     * ({@code config.Map.UnmarshalYAML}, {@code encoding.yamlMarshaler.Unmarshal}). It meets the keys in the order
     * yaml.v3 writes them when it re-encodes the file ({@link #compareKeys}), and a list or map value's items in
     * the order {@code encoding/json} writes them (map keys sorted); each level of list or map wraps the error once
     * more ({@code json.MarshalerError} of {@code config.object}).
     *
     * @param config the {@code config:} mapping: keys as the CLI namespaced them, values as YAML decoded them
     */
    public static Optional<String> notRepresentable(String file, Map<String, ?> config) {
        var keys = new ArrayList<String>(config.keySet());
        keys.sort(StackFileRules::compareKeys);
        for (String key : keys) {
            Optional<String> found = notRepresentable(file, key, config.get(key), 0);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> notRepresentable(String file, String path, Object value, int depth) {
        if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            String yaml = number.isNaN() ? ".nan" : number > 0 ? ".inf" : "-.inf";
            String go = number.isNaN() ? "NaN" : number > 0 ? "+Inf" : "-Inf";
            String meaning = number.isNaN() ? "not-a-number" : "a floating-point infinity";
            return Optional.of(file + ": " + path + "=" + yaml + ": YAML reads " + yaml + " as " + meaning
                    + ", which the Pulumi CLI cannot hand to a program (it stops with \"invalid YAML file: could not"
                    + " unmarshal map: " + "json: error calling MarshalJSON for type config.object: ".repeat(depth)
                    + "json: unsupported value: " + go + "\"); write a number, or quote the value if text is meant");
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                var found = notRepresentable(file, path + "[" + i + "]", list.get(i), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, Object>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            for (var entry : sorted.entrySet()) {
                var found = notRepresentable(file, path + "." + entry.getKey(), entry.getValue(), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** yaml.v3's error for a key written twice in one mapping ({@code decoder.mapping}, {@code decode.go}). */
    public static String mappingKeyTwice(int line, String key, int firstLine) {
        return "line " + line + ": mapping key " + goQuote(key) + " already defined at line " + firstLine;
    }

    /**
     * A {@code config:} that is not a mapping, as the CLI reports it. {@code LoadProjectStackBytes} decodes the file,
     * re-encodes it with yaml.v3 (keys sorted, two-space indent) and decodes that into {@code ProjectStack}, whose
     * {@code config.Map.UnmarshalYAML} wraps yaml.v3's type error; the line is the re-encoded document's and the
     * value is shown as yaml.v3's {@code decoder.terror} shows it (cut to seven bytes and {@code ...} when longer
     * than ten; nothing for a list).
     *
     * @param document the file's top-level mapping
     * @param tag      yaml.v3's tag of the value, e.g. {@code !!seq}
     * @param text     the value as yaml.v3 writes it; empty for a list
     */
    public static String configNotAMap(Map<String, ?> document, String tag, String text, Object config) {
        int line = 1;
        for (String key : document.keySet()) {
            if (compareKeys(key, "config") < 0) {
                line += entryLines(document.get(key));
            }
        }
        if (config instanceof List<?> list && !list.isEmpty()) {
            line++;
        }
        String shown = text.isEmpty() ? "" : " `" + (text.length() > 10 ? text.substring(0, 7) + "..." : text) + "`";
        return "invalid YAML file: could not unmarshal map: yaml: unmarshal errors: line " + line
                + ": cannot unmarshal " + tag + shown + " into map[string]config.Value";
    }

    /** Lines yaml.v3 writes for {@code key: value} in block style. */
    private static int entryLines(Object value) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            return 1
                    + map.values().stream().mapToInt(StackFileRules::entryLines).sum();
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            return 1 + list.stream().mapToInt(StackFileRules::itemLines).sum();
        }
        return scalarLines(value);
    }

    /** Lines yaml.v3 writes for {@code - item}: a collection starts on the dash's line. */
    private static int itemLines(Object item) {
        if (item instanceof Map<?, ?> map && !map.isEmpty()) {
            return map.values().stream().mapToInt(StackFileRules::entryLines).sum();
        }
        if (item instanceof List<?> list && !list.isEmpty()) {
            return list.stream().mapToInt(StackFileRules::itemLines).sum();
        }
        return scalarLines(item);
    }

    /** A string of several lines is written as a literal block ({@code |-}) after its key. */
    private static int scalarLines(Object value) {
        return value instanceof String text && text.contains("\n")
                ? 1 + (int) text.lines().count()
                : 1;
    }

    /** {@code fmt.Sprintf("%#v")} of a string: Go's {@code strconv.Quote}. */
    public static String goQuote(String text) {
        var out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else if (!Character.isDefined(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * The text the CLI hands a program for a finite float: {@code encoding/json}'s ({@code floatEncoder}: the
     * shortest digits, in exponent form below 1e-6 and from 1e21 on, {@code e-07} shortened to {@code e-7}).
     */
    public static String jsonNumber(double value) {
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        double abs = Math.abs(value);
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (abs < 1e-6 || abs >= 1e21) {
            String mantissa = exact.unscaledValue().abs().toString();
            int exponent = mantissa.length() - 1 - exact.scale();
            String digits = mantissa.length() == 1 ? mantissa : mantissa.charAt(0) + "." + mantissa.substring(1);
            return (value < 0 ? "-" : "") + digits + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        }
        return exact.toPlainString();
    }

    /**
     * The order in which yaml.v3 writes a map's string keys ({@code sorter.go}, {@code keyList.Less}): letters
     * before other characters (except right after a digit), runs of digits compared as numbers.
     */
    public static int compareKeys(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        return keyLess(a, b) ? -1 : 1;
    }

    private static boolean keyLess(String a, String b) {
        int[] ar = a.codePoints().toArray();
        int[] br = b.codePoints().toArray();
        boolean digits = false;
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                digits = Character.isDigit(ar[i]);
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return digits ? al : bl;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }
}
