package io.vpclattice.multicluster.pulumicli;

import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.config.StackFileRules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration the Pulumi CLI hands the program of one stack: {@code Pulumi.<stack>.yaml} read as
 * {@code LoadProjectStackBytes} and {@code config.Value} read it (pulumi/pulumi {@code sdk/go/common/workspace/loaders.go},
 * {@code sdk/go/common/resource/config/object.go}), merged with the project's defaults and checked against the
 * declared types as {@code mergeConfig} and {@code validateStackConfigValues} do ({@code pkg/workspace/config.go}),
 * at commit {@value PulumiProject#PULUMI_COMMIT}.
 *
 * <p>What the program receives for a stack value: a string as written; a bool, int or float as Go prints it
 * ({@code 1.30} arrives as {@code 1.3}: YAML reads a number); a list or map as compact JSON with sorted keys; a null
 * as the empty string. A value marked {@code secure} is encrypted: it is listed in {@link #secretKeys()} and has no
 * plain text offline.
 *
 * @param values     fully qualified key to the text the program gets (secrets excluded)
 * @param secretKeys keys whose values are encrypted in the stack file
 * @param warnings   what the CLI accepts but changes, e.g. an unquoted {@code 1.30} for a string key
 */
public record StackSettings(Map<String, String> values, Set<String> secretKeys, List<String> warnings) {
    public StackSettings {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        secretKeys = Collections.unmodifiableSet(new TreeSet<>(secretKeys));
        warnings = List.copyOf(warnings);
    }

    public static String fileName(String stack) {
        return "Pulumi." + stack + ".yaml";
    }

    /** @throws PulumiLoadException with the CLI's message when the CLI would refuse the stack */
    public static StackSettings load(PulumiProject project, Path directory, String stack) {
        PulumiProject.stackNameProblem(stack).ifPresent(problem -> {
            throw new PulumiLoadException("invalid stack name '" + stack + "': " + problem);
        });
        Path file = directory.resolve(fileName(stack));
        String text = "";
        if (Files.isRegularFile(file)) {
            try {
                text = PulumiProject.readStrippingBom(file);
            } catch (IOException e) {
                throw new PulumiLoadException("could not read '" + fileName(stack) + "': " + e.getMessage());
            }
        }
        return parse(project, stack, text);
    }

    public static StackSettings parse(PulumiProject project, String stack, String text) {
        String file = fileName(stack);
        Object raw;
        try {
            raw = GoYaml.decode(text);
        } catch (GoYaml.YamlError e) {
            throw new PulumiLoadException(file + ": " + e.cliText());
        }
        var stackValues = new LinkedHashMap<String, Object>();
        var warnings = new ArrayList<String>();
        if (raw != null) {
            Map<String, Object> document;
            try {
                document = GoValues.stringKeyedObject(raw)
                        .orElseThrow(() -> new PulumiLoadException(
                                "expected project to be an object, was '" + GoKind.of(raw).typeName + "'"));
            } catch (PulumiLoadException e) {
                throw new PulumiLoadException(file + ": " + e.getMessage());
            }
            for (String field : List.of("secretsprovider", "encryptedkey", "encryptionsalt")) {
                Object value = document.get(field);
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    throw new PulumiLoadException(file + ": yaml: unmarshal errors: cannot unmarshal "
                            + GoKind.of(value).yamlTag + " into string (" + field + ")");
                }
            }
            Object config = document.get("config");
            if (config != null && !(config instanceof Map<?, ?>)) {
                String shown = config instanceof List<?> ? "" : GoValues.yamlText(config);
                throw new PulumiLoadException(
                        file + ": " + StackFileRules.configNotAMap(document, GoKind.of(config).yamlTag, shown, config));
            }
            if (config instanceof Map<?, ?> entries) {
                var written = new ArrayList<String>();
                var namespaced = new LinkedHashMap<String, Object>();
                entries.forEach((key, value) -> {
                    written.add((String) key);
                    namespaced.put(project.qualified((String) key), value);
                });
                // In the CLI's order: values become text while the mapping is decoded, then keys are parsed; two
                // spellings of one key pass both silently.
                StackFileRules.notRepresentable(file, namespaced).ifPresent(problem -> {
                    throw new PulumiLoadException(problem);
                });
                namespaced.forEach((key, value) -> stackValues.put(parseKey(project.name(), file, key), value));
                StackFileRules.writtenTwice(file, project.name(), written).ifPresent(problem -> {
                    throw new PulumiLoadException(problem);
                });
            }
        }
        return merge(project, stack, stackValues, warnings);
    }

    /** {@code config.ParseKey}: {@code <namespace>:<name>}, or the legacy {@code <namespace>:config:<name>}. */
    private static String parseKey(String project, String file, String key) {
        return StackFileRules.qualifiedKey(project, key)
                .orElseThrow(() -> new PulumiLoadException(file
                        + ": invalid YAML file: could not unmarshal map: could not parse " + key
                        + " as a configuration key (configuration keys should be of the form `<namespace>:<name>`)"));
    }

    private static StackSettings merge(
            PulumiProject project, String stack, Map<String, Object> stackValues, List<String> warnings) {
        var values = new LinkedHashMap<String, String>();
        var secrets = new TreeSet<String>();
        stackValues.forEach((key, value) -> {
            if (containsSecure(value)) {
                secrets.add(key);
            } else {
                values.put(key, configText(value));
            }
        });
        var missing = new TreeSet<String>();
        for (var declaration : new TreeMap<>(project.config()).values()) {
            String key = project.qualified(declaration.key());
            boolean onStack = stackValues.containsKey(key);
            Object fallback = declaration.defaultValue() != null ? declaration.defaultValue() : declaration.value();
            if (!onStack && fallback == null && project.isProjectKey(declaration.key())) {
                missing.add(declaration.key());
                continue;
            }
            if (!onStack && fallback != null) {
                values.put(key, defaultText(declaration.key(), fallback));
            }
            if (declaration.explicitlyTyped()) {
                check(
                        stack,
                        declaration,
                        key,
                        onStack ? stackValues.get(key) : fallback,
                        onStack,
                        values,
                        secrets,
                        warnings);
            }
        }
        if (!missing.isEmpty()) {
            throw new PulumiLoadException("Stack '" + stack + "' is missing configuration value"
                    + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(k -> "'" + k + "'").toList()));
        }
        return new StackSettings(values, secrets, warnings);
    }

    /** {@code validateStackConfigValue}: the secret rule, then the declared type against the value's text or JSON. */
    private static void check(
            String stack,
            PulumiProject.ConfigDeclaration declaration,
            String key,
            Object written,
            boolean onStack,
            Map<String, String> values,
            Set<String> secrets,
            List<String> warnings) {
        if (declaration.secret() && !secrets.contains(key)) {
            throw new PulumiLoadException("Stack '" + stack + "' with configuration key '" + declaration.key()
                    + "' must be encrypted as it's secret");
        }
        if (secrets.contains(key)) {
            return; // encrypted: its type can only be checked once decrypted, by the CLI
        }
        String text = values.get(key);
        Object content = text;
        if (onStack ? isObject(written) : isObjectDefault(written)) {
            try {
                content = GoValues.fromJson(Mappers.JSON.readTree(text));
            } catch (IOException e) {
                throw new PulumiLoadException(
                        "Stack '" + stack + "' with configuration key '" + declaration.key() + "': " + e.getMessage());
            }
        }
        String type = declaration.type().orElseThrow();
        if (!ConfigValueTypes.matches(type, declaration.items(), content)) {
            throw new PulumiLoadException("Stack '" + stack + "' with configuration key '" + declaration.key()
                    + "' must be of type '" + ConfigValueTypes.fullName(type, declaration.items()) + "'");
        }
        if (onStack && type.equals("string") && written instanceof Double) {
            warnings.add(fileName(stack) + ": " + declaration.key() + ": " + text
                    + " is a YAML number, so the program gets \"" + text + "\"; quote the value to keep it as written");
        }
    }

    /** A stack value the CLI stores as an object (JSON text): lists and maps that are not a lone {@code secure}. */
    private static boolean isObject(Object value) {
        return (value instanceof List<?> || value instanceof Map<?, ?>) && !isSecure(value);
    }

    /** {@code createConfigValue}: project defaults that are not a string, int or bool become JSON objects. */
    private static boolean isObjectDefault(Object value) {
        return !(value instanceof String || value instanceof Long || value instanceof Boolean);
    }

    private static boolean containsSecure(Object value) {
        if (isSecure(value)) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(StackSettings::containsSecure);
        }
        return value instanceof List<?> list && list.stream().anyMatch(StackSettings::containsSecure);
    }

    private static boolean isSecure(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1 && map.get("secure") instanceof String;
    }

    /** {@code object.MarshalString} of a stack value. */
    private static String configText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof GoYaml.Timestamp t) {
            return t.goString();
        }
        return GoJson.marshal(asConfigObject(value));
    }

    /** {@code unmarshalObject}: a {@code time.Time} inside a list or map becomes its {@code String()} text. */
    private static Object asConfigObject(Object value) {
        if (value instanceof GoYaml.Timestamp t) {
            return t.goString();
        } else if (value instanceof List<?> list) {
            return list.stream().map(StackSettings::asConfigObject).toList();
        } else if (value instanceof Map<?, ?> map) {
            var converted = new LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> converted.put(k, asConfigObject(v)));
            return converted;
        }
        return value;
    }

    /**
     * {@code createConfigValue} of a project default or value: a string, int or bool as {@code %v}, anything else as
     * JSON, which refuses an infinity or not-a-number ({@code mergeConfig} returns that error, which
     * {@code pulumi preview} and {@code up} prefix with {@code validating stack config: }).
     */
    private static String defaultText(String key, Object value) {
        if (value instanceof String || value instanceof Long || value instanceof Boolean) {
            return String.valueOf(value);
        }
        try {
            return GoJson.marshal(value);
        } catch (IllegalArgumentException e) {
            throw new PulumiLoadException(PulumiProject.FILE_NAME + ": the default of configuration key '" + key
                    + "' holds a YAML infinity or not-a-number (.inf, -.inf, .nan), which the Pulumi CLI cannot hand"
                    + " to a program (it stops with"
                    + " \"validating stack config: " + e.getMessage() + "\"); write a number, or quote the value if"
                    + " text is meant");
        }
    }
}
