package io.vpclattice.multicluster.pulumicli;

import io.vpclattice.multicluster.config.StackFileRules;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes YAML into plain values the way the Pulumi CLI's YAML library, gopkg.in/yaml.v3 v3.0.1, decodes a document
 * into Go's {@code any} ({@code resolve.go}, {@code decode.go}), because the CLI's load rules depend on the Go type a
 * value gets: {@code 1.35} is a float, {@code "1.35"} a string, {@code 010} the octal int 8, {@code yes} a string.
 *
 * <p>Values: {@link String}, {@link Long} (Go int), {@link BigInteger} (Go uint64 beyond int64), {@link Double},
 * {@link Boolean}, {@link Timestamp}, {@code null}, {@code List<Object>} and {@code Map<Object, Object>} in document
 * order (keys are resolved like values, so {@code 1: x} has a {@code Long} key). Only the first document is read.
 * The SnakeYAML parser supplies the events; resolution is yaml.v3's, not SnakeYAML's YAML 1.1 rules.
 */
public final class GoYaml {
    private GoYaml() {}

    /** A YAML timestamp; yaml.v3 gives Go a {@code time.Time}, which config text shows as {@link #goString()}. */
    public record Timestamp(LocalDateTime time, ZoneOffset offset) {
        /** Seconds with Go's {@code .999999999}: the fraction without trailing zeros, none when it is zero. */
        private static final DateTimeFormatter GO_TIME = new DateTimeFormatterBuilder()
                .appendPattern("yyyy-MM-dd HH:mm:ss")
                .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                .toFormatter();

        /**
         * Go's {@code time.RFC3339Nano}, {@code 2006-01-02T15:04:05.999999999Z07:00}: how {@code encoding/json} and
         * yaml.v3's encoder write a {@code time.Time}.
         */
        public String rfc3339() {
            return time.atOffset(offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }

        /** Go's {@code time.Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
        public String goString() {
            String zone = offset.getTotalSeconds() == 0
                    ? "+0000 UTC"
                    : offset.getId().replace(":", "") + " " + offset.getId().replace(":", "");
            return time.format(GO_TIME) + " " + zone;
        }
    }

    /**
     * What yaml.v3 refuses: a syntax error, or a key defined twice in one mapping. The two reach the CLI's messages
     * differently: {@code encoding.yamlMarshaler.Unmarshal} (pulumi/pulumi {@code sdk/go/common/encoding/marshal.go})
     * returns a {@code *yaml.TypeError} (duplicate keys) as it is and prefixes every other error with
     * {@code invalid YAML file: }.
     */
    public static final class YamlError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean typeError;

        YamlError(String message) {
            this(message, false);
        }

        YamlError(String message, boolean typeError) {
            super(message);
            this.typeError = typeError;
        }

        /** yaml.v3's {@code *TypeError}, whose text starts {@code yaml: unmarshal errors:}. */
        public boolean typeError() {
            return typeError;
        }

        /** The error as the CLI's YAML marshaler returns it, on one line. */
        public String cliText() {
            return (typeError ? "" : "invalid YAML file: ") + "yaml: " + getMessage();
        }
    }

    private static final Pattern YAML_STYLE_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[Tt ](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?)?");
    private static final String TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Map<String, Object> RESOLVE_MAP = resolveMap();

    /**
     * @return the first document's value; {@code null} for an empty document
     * @throws YamlError with the message yaml.v3 gives (without its {@code yaml: } prefix for syntax errors)
     */
    public static Object decode(String text) {
        Parser parser = new ParserImpl(new StreamReader(text), new LoaderOptions());
        var decoder = new Decoder(parser);
        try {
            return decoder.document();
        } catch (YAMLException e) {
            throw new YamlError(e.getMessage()
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .reduce((a, b) -> a + " " + b)
                    .orElse("invalid YAML"));
        }
    }

    private static final class Decoder {
        private final Parser parser;
        private final Map<String, Object> anchors = new HashMap<>();

        Decoder(Parser parser) {
            this.parser = parser;
        }

        /**
         * yaml.v3 collects type errors (here: keys defined twice) over the whole document and reports them
         * together, as one {@code *TypeError}, after decoding.
         */
        private final List<String> typeErrors = new ArrayList<>();

        Object document() {
            while (parser.peekEvent() != null && !parser.checkEvent(Event.ID.StreamEnd)) {
                Event event = parser.getEvent();
                if (event.is(Event.ID.DocumentStart)) {
                    if (parser.checkEvent(Event.ID.DocumentEnd)) {
                        return null;
                    }
                    Object value = node(parser.getEvent());
                    if (!typeErrors.isEmpty()) {
                        throw new YamlError("unmarshal errors: " + String.join("; ", typeErrors), true);
                    }
                    return value;
                }
            }
            return null;
        }

        private Object node(Event event) {
            if (event instanceof AliasEvent alias) {
                if (!anchors.containsKey(alias.getAnchor())) {
                    throw new YamlError("unknown anchor '" + alias.getAnchor() + "' referenced");
                }
                return anchors.get(alias.getAnchor());
            }
            Object value;
            if (event instanceof ScalarEvent scalar) {
                value = scalar(scalar);
            } else if (event instanceof SequenceStartEvent) {
                value = sequence();
            } else if (event instanceof MappingStartEvent) {
                value = mapping();
            } else {
                throw new YamlError("unexpected " + event);
            }
            String anchor = ((NodeEvent) event).getAnchor();
            if (anchor != null) {
                anchors.put(anchor, value);
            }
            return value;
        }

        private List<Object> sequence() {
            var items = new ArrayList<Object>();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                items.add(node(parser.getEvent()));
            }
            parser.getEvent();
            return items;
        }

        /**
         * yaml.v3 {@code decoder.mapping} ({@code decode.go}): before decoding a mapping's entries it compares every
         * pair of keys by node kind and raw text (so {@code a} and {@code "a"} clash too, and collection keys,
         * whose text is empty, clash with each other), one error per pair in order; a mapping with such errors is
         * not decoded further, so errors inside its values are not reported.
         */
        private Map<Object, Object> mapping() {
            var map = new LinkedHashMap<Object, Object>();
            int errorsBefore = typeErrors.size();
            var keys = new ArrayList<String[]>(); // kind, raw text, line
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                Event keyEvent = parser.getEvent();
                int line = keyEvent.getStartMark().getLine() + 1;
                if (keyEvent instanceof ScalarEvent scalar) {
                    keys.add(new String[] {"scalar", scalar.getValue(), String.valueOf(line)});
                } else if (keyEvent instanceof AliasEvent alias) {
                    keys.add(new String[] {"alias", alias.getAnchor(), String.valueOf(line)});
                } else {
                    keys.add(new String[] {
                        keyEvent instanceof SequenceStartEvent ? "sequence" : "mapping", "", String.valueOf(line)
                    });
                }
                boolean mergeKey = keyEvent instanceof ScalarEvent scalar && isMergeKey(scalar);
                Object key = node(keyEvent);
                Event valueEvent = parser.getEvent();
                Object value = node(valueEvent);
                if (mergeKey) {
                    merge(map, value, valueEvent instanceof AliasEvent);
                } else {
                    map.put(key, value);
                }
            }
            parser.getEvent();
            var duplicates = new ArrayList<String>();
            for (int i = 0; i < keys.size(); i++) {
                for (int j = i + 1; j < keys.size(); j++) {
                    if (keys.get(i)[0].equals(keys.get(j)[0]) && keys.get(i)[1].equals(keys.get(j)[1])) {
                        duplicates.add(StackFileRules.mappingKeyTwice(
                                Integer.parseInt(keys.get(j)[2]), keys.get(j)[1], Integer.parseInt(keys.get(i)[2])));
                    }
                }
            }
            if (!duplicates.isEmpty()) {
                typeErrors.subList(errorsBefore, typeErrors.size()).clear();
                typeErrors.addAll(duplicates);
            }
            return map;
        }

        /**
         * yaml.v3's {@code isMerge}: the parser tags a plain {@code <<} (untagged or {@code !}) as a merge key, and
         * an explicit {@code !!merge} makes any {@code <<} one; a quoted {@code "<<"} is a string.
         */
        private static boolean isMergeKey(ScalarEvent key) {
            String tag = key.getTag() == null ? "" : shortTag(key.getTag());
            return key.getValue().equals("<<")
                    && (tag.equals("!!merge")
                            || ((tag.isEmpty() || tag.equals("!")) && key.getScalarStyle() == ScalarStyle.PLAIN));
        }

        /**
         * yaml.v3's {@code decoder.merge}: a map, an alias of a map, or a sequence of maps and aliases of maps; a key
         * the mapping already has (even as null) or an earlier merged map gave is kept.
         */
        @SuppressWarnings("unchecked")
        private static void merge(Map<Object, Object> into, Object value, boolean alias) {
            List<Object> sources =
                    value instanceof List<?> list && !alias ? (List<Object>) list : Collections.singletonList(value);
            for (Object source : sources) {
                if (!(source instanceof Map<?, ?> map)) {
                    throw new YamlError("map merge requires map or sequence of maps as the value");
                }
                map.forEach((k, v) -> {
                    if (!into.containsKey(k)) {
                        into.put(k, v);
                    }
                });
            }
        }

        private static Object scalar(ScalarEvent event) {
            String tag = event.getTag() == null ? "" : shortTag(event.getTag());
            String text = event.getValue();
            boolean quoted = event.getScalarStyle() != ScalarStyle.PLAIN;
            if (tag.equals("!!str") || ((tag.isEmpty() || tag.equals("!")) && quoted)) {
                return text;
            }
            return resolve(tag, text);
        }
    }

    private static String shortTag(String tag) {
        return tag.startsWith(TAG_PREFIX) ? "!!" + tag.substring(TAG_PREFIX.length()) : tag;
    }

    /** yaml.v3 {@code resolve()}: an untagged plain scalar becomes null, bool, int, float, timestamp or string. */
    static Object resolve(String tag, String in) {
        boolean resolvable = switch (tag) {
            case "", "!!str", "!!bool", "!!int", "!!float", "!!null", "!!timestamp" -> true;
            default -> false;
        };
        if (!resolvable) {
            return in;
        }
        Object out = resolveUntagged(tag, in);
        String outTag = GoKind.of(out).yamlTag;
        if (tag.isEmpty() || tag.equals(outTag) || tag.equals("!!str")) {
            return tag.equals("!!str") ? in : out;
        }
        if (tag.equals("!!float") && out instanceof Long l) {
            return l.doubleValue();
        }
        throw new YamlError("cannot decode " + outTag + " `" + in + "` as a " + tag);
    }

    private static Object resolveUntagged(String tag, String in) {
        char hint = in.isEmpty() ? 'N' : hint(in.charAt(0));
        if (hint == 0) {
            return in;
        }
        if (RESOLVE_MAP.containsKey(in)) {
            return RESOLVE_MAP.get(in);
        }
        switch (hint) {
            case '.' -> {
                Double floatValue = parseFloat(in);
                if (floatValue != null) {
                    return floatValue;
                }
            }
            case 'D', 'S' -> {
                if (tag.isEmpty() || tag.equals("!!timestamp")) {
                    Timestamp timestamp = timestamp(in);
                    if (timestamp != null) {
                        return timestamp;
                    }
                }
                String plain = in.replace("_", "");
                Object integer = parseGoInt(plain);
                if (integer != null) {
                    return integer;
                }
                if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
                    Double floatValue = parseFloat(plain);
                    if (floatValue != null) {
                        return floatValue;
                    }
                }
            }
            default -> {}
        }
        return in;
    }

    private static char hint(char first) {
        if (first == '+' || first == '-') {
            return 'S';
        } else if (first >= '0' && first <= '9') {
            return 'D';
        } else if ("yYnNtTfFoO~".indexOf(first) >= 0) {
            return 'M';
        } else if (first == '.') {
            return '.';
        }
        return 0;
    }

    /** Go {@code strconv.ParseInt(s, 0, 64)}, then {@code ParseUint}: base prefixes 0x, 0o, 0b and a leading 0 (octal). */
    private static Object parseGoInt(String s) {
        String digits = s;
        boolean negative = false;
        if (digits.startsWith("+") || digits.startsWith("-")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            char marker = Character.toLowerCase(digits.charAt(1));
            if (marker == 'x' || marker == 'o' || marker == 'b') {
                radix = marker == 'x' ? 16 : marker == 'o' ? 8 : 2;
                digits = digits.substring(2);
            } else {
                radix = 8;
                digits = digits.substring(1);
            }
        }
        BigInteger value;
        try {
            value = digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0))
                    ? null
                    : new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null) {
            return null;
        }
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return !negative && value.bitLength() <= 64 ? value : null;
    }

    /**
     * Go {@code strconv.ParseFloat(s, 64)} for the forms yaml.v3 tries. A literal beyond the largest float
     * ({@code 1e400}) is an error there ({@code ErrRange}), so yaml.v3 keeps it as a string; Java would give
     * infinity.
     */
    private static Double parseFloat(String s) {
        if (!s.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            return null;
        }
        double value = Double.parseDouble(s);
        return Double.isInfinite(value) ? null : value;
    }

    private static Timestamp timestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            var date = LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return new Timestamp(date.atStartOfDay(), ZoneOffset.UTC);
            }
            boolean spaceSeparated = s.charAt(m.end(3)) == ' ';
            // Go layouts: "2006-1-2 15:4:5" takes no zone, the T forms require one ("Z07:00").
            if (spaceSeparated ? m.group(8) != null : m.group(8) == null) {
                return null;
            }
            int nanos =
                    m.group(7) == null ? 0 : Integer.parseInt((m.group(7).substring(1) + "000000000").substring(0, 9));
            var time = date.atTime(
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos);
            ZoneOffset offset =
                    m.group(8) == null || m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            return new Timestamp(time, offset);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> resolveMap() {
        var map = new HashMap<String, Object>();
        for (String s : List.of("true", "True", "TRUE")) {
            map.put(s, true);
        }
        for (String s : List.of("false", "False", "FALSE")) {
            map.put(s, false);
        }
        for (String s : List.of("", "~", "null", "Null", "NULL")) {
            map.put(s, null);
        }
        for (String s : List.of(".nan", ".NaN", ".NAN")) {
            map.put(s, Double.NaN);
        }
        for (String s : List.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF")) {
            map.put(s, Double.POSITIVE_INFINITY);
        }
        for (String s : List.of("-.inf", "-.Inf", "-.INF")) {
            map.put(s, Double.NEGATIVE_INFINITY);
        }
        return map;
    }
}
