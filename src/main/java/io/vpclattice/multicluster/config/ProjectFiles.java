package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} files: which stacks exist, and the
 * configuration the Pulumi CLI would hand a stack (project defaults, then the stack file), for the offline plan.
 */
public final class ProjectFiles {
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.([^.]+)\\.ya?ml");

    private final Path directory;
    private final JsonNode project;

    private ProjectFiles(Path directory, JsonNode project) {
        this.directory = directory;
        this.project = project;
    }

    public static ProjectFiles read(Path directory) {
        Path file = directory.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("no Pulumi.yaml in " + directory.toAbsolutePath().normalize()
                    + ": run from the project directory");
        }
        return new ProjectFiles(directory, readYaml(file));
    }

    public String projectName() {
        return project.path("name").asText();
    }

    /** Stacks that have a settings file, sorted. */
    public Set<String> stackNames() {
        return stackNames(directory);
    }

    /** Stacks that have a settings file in {@code directory}, sorted; empty when it cannot be listed. */
    public static Set<String> stackNames(Path directory) {
        var names = new TreeSet<String>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> STACK_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .forEach(m -> names.add(m.group(1)));
        } catch (IOException e) {
            return Set.of();
        }
        return names;
    }

    /**
     * The configuration the CLI passes to the program for {@code stack}: project-level values and defaults,
     * overridden by {@code Pulumi.<stack>.yaml}. Keys are fully qualified; lists are JSON text. Like the CLI,
     * rejects project keys that {@code Pulumi.yaml} does not declare.
     */
    public Map<String, String> stackConfig(String stack) {
        String name = projectName();
        var config = new LinkedHashMap<String, String>();
        var declared = new TreeSet<String>();
        project.path("config").properties().forEach(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.contains(":")) {
                config.put(key, text(value.isObject() && value.has("value") ? value.get("value") : value));
            } else {
                declared.add(key);
                if (value.isObject() && value.has("default")) {
                    config.put(name + ":" + key, text(value.get("default")));
                }
            }
        });
        Path stackFile = directory.resolve("Pulumi." + stack + ".yaml");
        if (Files.isRegularFile(stackFile)) {
            readYaml(stackFile).path("config").properties().forEach(entry -> {
                String key = entry.getKey().contains(":") ? entry.getKey() : name + ":" + entry.getKey();
                if (key.startsWith(name + ":") && !declared.contains(key.substring(name.length() + 1))) {
                    throw new ConfigException("stack '" + stack + "' uses configuration key '" + key
                            + "', which Pulumi.yaml does not declare; known keys: " + String.join(", ", declared));
                }
                if (entry.getValue().isObject() && entry.getValue().has("secure")) {
                    throw new ConfigException(key + " is a secret; the offline plan cannot decrypt it");
                }
                config.put(key, text(entry.getValue()));
            });
        }
        return config;
    }

    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        try {
            return Mappers.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode node = Mappers.YAML.readTree(file.toFile());
            return node == null ? Mappers.YAML.createObjectNode() : node;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
