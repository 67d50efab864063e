package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
        Map<String, Object> config = stackConfig(stack);
        String qualified = projectName + ":" + key;
        if (config.containsKey(qualified) && config.containsKey(key)) {
            // The CLI keeps one of the two at random (a Go map), so the stacks could disagree on which one.
            throw new ConfigException(StackFiles.fileName(stack) + " sets " + key + " twice, as " + key + " and as "
                    + qualified + "; the Pulumi CLI would keep one of them at random: keep one");
        }
        return Optional.ofNullable(config.containsKey(qualified) ? config.get(qualified) : config.get(key));
    }

    private synchronized Map<String, Object> stackConfig(String stack) {
        return stackConfigs.computeIfAbsent(stack, s -> {
            String file = StackFiles.fileName(s);
            Path path = directory.resolve(file);
            if (!Files.isRegularFile(path)) {
                return Map.of();
            }
            return section(document(path, file), "config", file);
        });
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
            return number.isNaN() || number.isInfinite()
                    ? String.valueOf(number)
                    : BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
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

    @SuppressWarnings("unchecked") // a YAML mapping of a document is a map
    private static Map<String, Object> document(Path path, String file) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        Object document;
        try {
            document = new Load(LoadSettings.builder()
                            .setSchema(new CoreSchema())
                            .setAllowDuplicateKeys(false)
                            .build())
                    .loadFromString(text.startsWith("\uFEFF") ? text.substring(1) : text);
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
