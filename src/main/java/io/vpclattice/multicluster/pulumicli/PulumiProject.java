package io.vpclattice.multicluster.pulumicli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vpclattice.multicluster.Mappers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Pulumi.yaml} loaded and checked as the Pulumi CLI does on every command, before it runs anything:
 * {@code LoadProjectBytes}, {@code ValidateProject} (the project JSON schema, shipped here unchanged as
 * {@code pulumi-project.schema.json}), the shorthand rewrite and {@code Project.Validate} in pulumi/pulumi
 * {@code sdk/go/common/workspace/} ({@code loaders.go}, {@code project.go}, {@code project.json}) at commit
 * {@value #PULUMI_COMMIT}. A project the CLI refuses is refused here with the CLI's message.
 */
public final class PulumiProject {
    /** The pulumi/pulumi commit these rules were read from. */
    public static final String PULUMI_COMMIT = "1b5949891b3cefcb9974752b24a5ecef0acc86c8";

    public static final String FILE_NAME = "Pulumi.yaml";
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9_.-]*");
    private static final JsonSchema SCHEMA = loadSchema();

    /** One entry of {@code config:} after the CLI's shorthand rewrite. */
    public record ConfigDeclaration(
            String key,
            Optional<String> type,
            Optional<ItemsType> items,
            Object defaultValue,
            Object value,
            boolean secret) {
        public boolean explicitlyTyped() {
            return type.isPresent();
        }
    }

    /** {@code items:} of an array declaration; nested for arrays of arrays. */
    public record ItemsType(String type, Optional<ItemsType> items) {}

    private final String name;
    private final Map<String, ConfigDeclaration> config;

    private PulumiProject(String name, Map<String, ConfigDeclaration> config) {
        this.name = name;
        this.config = Collections.unmodifiableMap(config);
    }

    public String name() {
        return name;
    }

    /** Declarations in file order, keyed as written (project keys without namespace, others with it). */
    public Map<String, ConfigDeclaration> config() {
        return config;
    }

    /** @throws PulumiLoadException with the CLI's message when the CLI would refuse the file */
    public static PulumiProject load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        String text;
        try {
            text = readStrippingBom(file);
        } catch (IOException e) {
            throw new PulumiLoadException("could not read '" + FILE_NAME + "': no Pulumi.yaml in "
                    + directory.toAbsolutePath().normalize() + " (run from the project directory)");
        }
        return parse(text);
    }

    /** The project as {@code LoadProjectBytes} reads {@code text}. */
    public static PulumiProject parse(String text) {
        Object raw;
        try {
            raw = GoYaml.decode(text);
        } catch (GoYaml.YamlError e) {
            throw new PulumiLoadException("could not unmarshal '" + FILE_NAME + "': " + e.cliText());
        }
        Map<String, Object> project = GoValues.stringKeyedObject(raw)
                .orElseThrow(() -> new PulumiLoadException("could not validate '" + FILE_NAME
                        + "': expected project to be an object, was '" + GoKind.of(raw).typeName + "'"));
        validate(project);

        Object configSection = project.get("config");
        if (configSection instanceof String || project.get("stackConfigDir") != null) {
            // Valid for the CLI (the deprecated `config: <dir>` means stackConfigDir), but the scripts and the
            // offline plan read the stack files beside Pulumi.yaml.
            throw new PulumiLoadException(FILE_NAME + ": stackConfigDir (or config: <directory>) moves the stack files;"
                    + " keep Pulumi.<stack>.yaml beside Pulumi.yaml and remove the key");
        }
        String projectName = (String) project.get("name");
        var declarations = new LinkedHashMap<String, ConfigDeclaration>();
        if (configSection instanceof Map<?, ?> entries) {
            entries.forEach(
                    (key, value) -> declarations.put((String) key, declaration(projectName, (String) key, value)));
        }
        var loaded = new PulumiProject(projectName, declarations);
        loaded.validateDeclarations();
        return loaded;
    }

    /**
     * {@code tokens.ParseStackName}: the names the CLI accepts for {@code --stack} and {@code stack init}.
     *
     * @return the CLI's error, if the name is refused
     */
    public static Optional<String> stackNameProblem(String stack) {
        if (stack.isEmpty()) {
            return Optional.of("a stack name may not be empty");
        }
        if (stack.length() > 100) {
            return Optional.of("a stack name cannot exceed 100 characters");
        }
        var matcher = STACK_NAME.matcher(stack);
        matcher.lookingAt();
        if (matcher.end() != stack.length()) {
            return Optional.of(
                    "a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character '"
                            + stack.charAt(matcher.end()) + "' at position " + matcher.end());
        }
        return Optional.empty();
    }

    /** {@code configKeyIsNamespacedByProject}. */
    public boolean isProjectKey(String key) {
        return !key.contains(":") || key.startsWith(name + ":");
    }

    /** The fully qualified key the CLI hands the program. */
    public String qualified(String key) {
        return key.contains(":") ? key : name + ":" + key;
    }

    /** {@code ValidateProject}: a non-empty string name, then the project JSON schema. */
    private static void validate(Map<String, Object> project) {
        Object name = project.get("name");
        if (name == null && !project.containsKey("name")) {
            throw new PulumiLoadException(
                    "could not validate '" + FILE_NAME + "': project is missing a 'name' attribute");
        }
        if (!(name instanceof String s) || s.isEmpty()) {
            throw new PulumiLoadException(
                    "could not validate '" + FILE_NAME + "': project is missing a non-empty string 'name' attribute");
        }
        List<String> problems = SCHEMA.validate(GoValues.toJson(project)).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
        if (!problems.isEmpty()) {
            throw new PulumiLoadException("could not validate '" + FILE_NAME + "': " + String.join("; ", problems));
        }
    }

    /** {@code RewriteShorthandConfigValues}, then unmarshalling into {@code ProjectConfigType}. */
    private static ConfigDeclaration declaration(String projectName, String key, Object value) {
        boolean projectKey = !key.contains(":") || key.startsWith(projectName + ":");
        if (value instanceof String || value instanceof Long || value instanceof Boolean || value instanceof List<?>) {
            return projectKey
                    ? new ConfigDeclaration(key, Optional.empty(), Optional.empty(), value, null, false)
                    : new ConfigDeclaration(key, Optional.empty(), Optional.empty(), null, value, false);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new PulumiLoadException("could not unmarshal '" + FILE_NAME
                    + "': yaml: unmarshal errors: cannot unmarshal " + GoKind.of(value).yamlTag + " `"
                    + GoValues.yamlText(value) + "` into workspace.ProjectConfigType");
        }
        return new ConfigDeclaration(
                key,
                Optional.ofNullable((String) map.get("type")),
                items(map.get("items")),
                map.get("default"),
                map.get("value"),
                Boolean.TRUE.equals(map.get("secret")));
    }

    private static Optional<ItemsType> items(Object items) {
        if (!(items instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        return Optional.of(new ItemsType(String.valueOf(map.get("type")), items(map.get("items"))));
    }

    /**
     * {@code Project.Validate}. The CLI walks a Go map, in no fixed order, and reports the first problem it meets;
     * this walks the file's order, so the same file always gets the same message.
     */
    private void validateDeclarations() {
        for (ConfigDeclaration declaration : config.values()) {
            String key = declaration.key();
            if (declaration.defaultValue() != null && declaration.value() != null) {
                throw invalid("project config '" + key + "' cannot have both a 'default' and 'value' attribute");
            }
            if (isProjectKey(key)) {
                if (declaration.type().filter("array"::equals).isPresent()
                        && declaration.items().isEmpty()) {
                    throw invalid("The configuration key '" + key + "' declares an array "
                            + "but does not specify the underlying type via the 'items' attribute");
                }
                if (declaration.explicitlyTyped()
                        && declaration.defaultValue() != null
                        && !ConfigValueTypes.matches(
                                declaration.type().get(), declaration.items(), declaration.defaultValue())) {
                    throw invalid("The default value specified for configuration key '" + key
                            + "' is not of the expected type '"
                            + ConfigValueTypes.fullName(declaration.type().get(), declaration.items()) + "'");
                }
            } else {
                if (declaration.explicitlyTyped()) {
                    throw invalid("Configuration key '" + key
                            + "' is not namespaced by the project and should not define a type");
                }
                if (declaration.defaultValue() != null) {
                    throw invalid(
                            "Configuration key '" + key + "' is not namespaced by the project and "
                                    + "should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?");
                }
                if (declaration.value() == null) {
                    throw invalid(
                            "Configuration key '" + key + "' is namespaced and must provide an attribute 'value'");
                }
            }
        }
    }

    private static PulumiLoadException invalid(String message) {
        return new PulumiLoadException("could not unmarshal '" + FILE_NAME + "': " + message);
    }

    static String readStrippingBom(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = PulumiProject.class.getResourceAsStream("pulumi-project.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("pulumi-project.schema.json is missing from the jar");
            }
            JsonNode schema = Mappers.JSON.readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
