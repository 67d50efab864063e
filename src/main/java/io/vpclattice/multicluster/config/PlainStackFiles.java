package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.constructor.core.ConstructYamlCoreFloat;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code Pulumi.yaml} and the {@code Pulumi.<stack>.yaml} files as {@code pulumi up} reads them: with a plain YAML
 * 1.2 library (the core schema, as the CLI's Go YAML library resolves scalars), for the few values a program needs
 * of the other stacks. The CLI has already loaded and checked this stack's own files before it started the
 * program; the others are read as they are, and a file that is not YAML stops the run with one line.
 */
public final class PlainStackFiles implements StackFiles {
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.([^.]+)\\.ya?ml");
    private static final JsonMapper SORTED_JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Path directory;
    private final String projectName;
    private final Map<String, Object> declarations;
    private final Map<String, Map<String, Object>> stackConfigs = new HashMap<>();

    private PlainStackFiles(Path directory, String projectName, Map<String, Object> declarations) {
        this.directory = directory;
        this.projectName = projectName;
        this.declarations = declarations;
    }

    /** @throws ConfigException when {@code Pulumi.yaml} cannot be read */
    public static PlainStackFiles read(Path directory) {
        Map<String, Object> project = document(directory.resolve("Pulumi.yaml"), "Pulumi.yaml");
        if (!(project.get("name") instanceof String name) || name.isBlank()) {
            throw new ConfigException("Pulumi.yaml has no project name");
        }
        return new PlainStackFiles(directory, name, section(project, "config", "Pulumi.yaml"));
    }

    @Override
    public String projectName() {
        return projectName;
    }

    @Override
    public Optional<String> declaredDefault(String key) {
        Object declaration = declarations.get(key);
        if (declaration == null) {
            declaration = declarations.get(projectName + ":" + key);
        }
        if (declaration instanceof Map<?, ?> typed) {
            // A typed declaration: its default, if any (the `value` form is the shorthand's long spelling).
            Object value = typed.containsKey("default") ? typed.get("default") : typed.get("value");
            return Optional.ofNullable(value).map(PlainStackFiles::asCliText);
        }
        return Optional.ofNullable(declaration).map(PlainStackFiles::asCliText);
    }

    @Override
    public Set<String> stackNames() {
        var names = new TreeSet<String>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> STACK_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .forEach(m -> names.add(m.group(1)));
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot list the stack files in " + directory.toAbsolutePath() + ": " + e.getMessage());
        }
        return names;
    }

    @Override
    public Optional<String> value(String stack, String key) {
        return raw(stack, key).filter(value -> !isSecure(value)).map(PlainStackFiles::asCliText);
    }

    @Override
    public boolean encrypted(String stack, String key) {
        return raw(stack, key).filter(PlainStackFiles::isSecure).isPresent();
    }

    private Optional<Object> raw(String stack, String key) {
        return Optional.ofNullable(stackConfig(stack).get(projectName + ":" + key));
    }

    /**
     * The file's {@code config:} by the key the CLI files each entry under ({@link StackFileRules#qualifiedKey}),
     * refused where the CLI would refuse it or pick a value at random, with the message the CLI's rules give.
     */
    private synchronized Map<String, Object> stackConfig(String stack) {
        return stackConfigs.computeIfAbsent(stack, s -> {
            String file = StackFiles.fileName(s);
            Path path = directory.resolve(file);
            if (!Files.isRegularFile(path)) {
                return Map.of();
            }
            Map<String, Object> document = document(path, file);
            Object section = document.get("config");
            if (section == null) {
                return Map.of();
            }
            if (!(section instanceof Map<?, ?> written)) {
                throw new ConfigException(file + ": "
                        + StackFileRules.configNotAMap(
                                document,
                                yamlTag(section),
                                section instanceof List<?> ? "" : asYamlText(section),
                                section));
            }
            var namespaced = new LinkedHashMap<String, Object>();
            var keys = new ArrayList<String>();
            written.forEach((key, value) -> {
                keys.add(String.valueOf(key));
                namespaced.put(
                        String.valueOf(key).contains(":") ? String.valueOf(key) : projectName + ":" + key, value);
            });
            StackFileRules.notRepresentable(file, namespaced).ifPresent(problem -> {
                throw new ConfigException(problem);
            });
            StackFileRules.writtenTwice(file, projectName, keys).ifPresent(problem -> {
                throw new ConfigException(problem);
            });
            var config = new LinkedHashMap<String, Object>();
            written.forEach((key, value) -> StackFileRules.qualifiedKey(projectName, String.valueOf(key))
                    .ifPresent(qualified -> config.put(qualified, value)));
            return config;
        });
    }

    /** yaml.v3's tag for a value of the core schema. */
    private static String yamlTag(Object value) {
        if (value instanceof String) {
            return "!!str";
        } else if (value instanceof Boolean) {
            return "!!bool";
        } else if (value instanceof Double) {
            return "!!float";
        } else if (value instanceof Number) {
            return "!!int";
        } else if (value instanceof List<?>) {
            return "!!seq";
        }
        return "!!map";
    }

    /** A scalar as yaml.v3 writes it. */
    private static String asYamlText(Object value) {
        if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            return number.isNaN() ? ".nan" : number > 0 ? ".inf" : "-.inf";
        }
        return asCliText(value);
    }

    private static boolean isSecure(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("secure");
    }

    /**
     * The text the CLI hands a program for a stack value: a string as written, a number or boolean as printed, a
     * list or map as JSON with sorted keys, null as the empty string.
     */
    static String asCliText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                // Refused in stack files (StackFileRules.notRepresentable); a Pulumi.yaml default the same way.
                throw new ConfigException("Pulumi.yaml: a default holds a YAML infinity or not-a-number (.inf, -.inf,"
                        + " .nan), which the Pulumi CLI cannot hand to a program; write a number, or quote the value"
                        + " if text is meant");
            }
            return StackFileRules.jsonNumber(number);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return SORTED_JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new ConfigException("cannot represent " + value + " as JSON: " + e.getOriginalMessage());
            }
        }
        return String.valueOf(value);
    }

    /**
     * The core schema, but a float literal beyond the largest double ({@code 1e400}) stays a string, as yaml.v3
     * keeps it ({@code resolve.go}: {@code strconv.ParseFloat} fails with {@code ErrRange}); the core schema would
     * make it an infinity.
     */
    private static final class CliSchema extends CoreSchema {
        private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            var constructors = new HashMap<>(super.getSchemaTagConstructors());
            var core = new ConstructYamlCoreFloat();
            constructors.put(Tag.FLOAT, node -> {
                Object value = core.construct(node);
                String text = ((ScalarNode) node).getValue();
                return value instanceof Double number
                                && number.isInfinite()
                                && !INFINITY.matcher(text).matches()
                        ? text
                        : value;
            });
            return constructors;
        }
    }

    @SuppressWarnings("unchecked") // a YAML mapping of a document is a map
    private static Map<String, Object> document(Path path, String file) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        var settings = LoadSettings.builder().setSchema(new CliSchema()).build();
        Object document;
        try {
            Optional<Node> root =
                    new Compose(settings).composeString(text.startsWith("\uFEFF") ? text.substring(1) : text);
            var duplicates = new ArrayList<String>();
            root.ifPresent(node -> duplicateKeys(node, duplicates));
            if (!duplicates.isEmpty()) {
                // yaml.v3's *TypeError, which the CLI returns as it is (encoding.yamlMarshaler.Unmarshal).
                throw new ConfigException(file + ": yaml: unmarshal errors: " + String.join("; ", duplicates));
            }
            document = new StandardConstructor(settings).constructSingleDocument(root);
        } catch (YamlEngineException e) {
            throw new ConfigException(
                    file + " is not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException(file + ": expected a YAML mapping at the top");
        }
        return (Map<String, Object>) map;
    }

    /**
     * yaml.v3's check of each mapping ({@code decoder.mapping}, {@code decode.go}): every pair of keys of the same
     * node kind and text, in order; a mapping with such keys is not decoded further.
     */
    private static void duplicateKeys(Node node, List<String> errors) {
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> duplicateKeys(item, errors));
        } else if (node instanceof MappingNode mapping) {
            List<NodeTuple> entries = mapping.getValue();
            var own = new ArrayList<String>();
            for (int i = 0; i < entries.size(); i++) {
                for (int j = i + 1; j < entries.size(); j++) {
                    Node first = entries.get(i).getKeyNode();
                    Node second = entries.get(j).getKeyNode();
                    if (first.getNodeType() == second.getNodeType()
                            && keyText(first).equals(keyText(second))) {
                        own.add(StackFileRules.mappingKeyTwice(line(second), keyText(second), line(first)));
                    }
                }
            }
            if (!own.isEmpty()) {
                errors.addAll(own);
                return;
            }
            entries.forEach(entry -> duplicateKeys(entry.getValueNode(), errors));
        }
    }

    private static String keyText(Node key) {
        return key instanceof ScalarNode scalar ? scalar.getValue() : "";
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    @SuppressWarnings("unchecked") // checked: a mapping
    private static Map<String, Object> section(Map<String, Object> document, String name, String file) {
        Object section = document.get(name);
        if (section == null) {
            return Map.of();
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw new ConfigException(file + ": expected " + name + " to be a mapping of keys to values");
        }
        return (Map<String, Object>) map;
    }
}
