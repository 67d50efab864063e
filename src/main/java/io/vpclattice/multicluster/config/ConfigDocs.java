package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vpclattice.multicluster.Mappers;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code Pulumi.yaml}'s config block, the README's table of keys and the reference of {@code docs/configuration.md},
 * written from {@link ConfigSchema}: a key is declared once, in the schema, and
 * {@code java -jar target/vpc-lattice-multicluster.jar schema --write} rewrites all three (a test fails while they
 * differ from what this writes).
 */
public final class ConfigDocs {
    private ConfigDocs() {}

    /** Marks the generated part of {@code Pulumi.yaml}: from this line to the end of the file. */
    public static final String PULUMI_YAML_START = "config:";

    public static final String TABLE_BEGIN =
            "<!-- config-table:begin (generated from ConfigSchema: schema --write) -->";
    public static final String TABLE_END = "<!-- config-table:end -->";

    private static final String REGION_COMMENT =
            "  # VPC Lattice is regional: every stack of the project must use the environment's region.\n";

    /**
     * The {@code config:} block of {@code Pulumi.yaml}. Every string is double-quoted: the CLI type-checks each
     * default against its declared type on every command, and an unquoted {@code 1.35} is a number.
     */
    public static String pulumiYamlConfig() {
        var out = new StringBuilder(PULUMI_YAML_START).append('\n');
        out.append(REGION_COMMENT);
        out.append("  ").append(ConfigSchema.AWS_REGION).append(": ").append(quoted(ConfigSchema.DEFAULT_REGION));
        out.append('\n');
        for (ConfigKey<?> key : ConfigSchema.KEYS) {
            out.append("  ").append(key.name()).append(":\n");
            out.append("    type: ").append(key.type().pulumiName()).append('\n');
            if (key.type() == ConfigKey.Type.STRING_LIST) {
                out.append("    items:\n      type: string\n");
            }
            if (key.type() == ConfigKey.Type.OBJECT_LIST) {
                // The CLI checks only that each item is a map (properties inside items are accepted and ignored):
                // the program checks the fields.
                out.append("    items:\n      type: object\n");
            }
            out.append("    default: ").append(yaml(key.defaultValue())).append('\n');
            out.append("    description: ").append(quoted(key.description())).append('\n');
        }
        return out.toString();
    }

    /** The README's table of keys: key, type, default and the stacks that read it, each linked to its reference. */
    public static String readmeTable() {
        var out = new StringBuilder();
        out.append("| key | type | default | stacks |\n");
        out.append("|---|---|---|---|\n");
        out.append("| [`").append(ConfigSchema.AWS_REGION).append("`](docs/configuration.md#keys) | string | `");
        out.append(ConfigSchema.DEFAULT_REGION).append("` | all |\n");
        for (ConfigKey<?> key : ConfigSchema.KEYS) {
            out.append("| [`")
                    .append(key.name())
                    .append("`](docs/configuration.md#keys) | ")
                    .append(key.type().pulumiName())
                    .append(" | `")
                    .append(shownDefault(key.defaultValue()))
                    .append("` | ")
                    .append(key.scope().name().toLowerCase(Locale.ROOT))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** The reference table of keys: key, type, default, the stacks that read it, and what it does. */
    public static String referenceTable() {
        var out = new StringBuilder();
        out.append("| key | type | default | stacks | description |\n");
        out.append("|---|---|---|---|---|\n");
        out.append("| `")
                .append(ConfigSchema.AWS_REGION)
                .append("` | string | `")
                .append(ConfigSchema.DEFAULT_REGION)
                .append("` | all | AWS region. VPC Lattice is regional: a cluster stack in another region than the")
                .append(" environment is refused. |\n");
        for (ConfigKey<?> key : ConfigSchema.KEYS) {
            out.append("| `")
                    .append(key.name())
                    .append("` | ")
                    .append(key.type().pulumiName())
                    .append(" | `")
                    .append(shownDefault(key.defaultValue()))
                    .append("` | ")
                    .append(key.scope().name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(key.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** {@code text} with its generated parts replaced by what the schema says now. */
    public static String rewritePulumiYaml(String text) {
        int start = text.indexOf("\n" + PULUMI_YAML_START + "\n");
        if (start < 0) {
            throw new IllegalArgumentException("Pulumi.yaml has no top-level config: block");
        }
        return text.substring(0, start + 1) + pulumiYamlConfig();
    }

    public static String rewriteReadme(String text) {
        return rewriteTable("README.md", text, readmeTable());
    }

    public static String rewriteReference(String text) {
        return rewriteTable("docs/configuration.md", text, referenceTable());
    }

    private static String rewriteTable(String file, String text, String table) {
        int begin = text.indexOf(TABLE_BEGIN);
        int end = text.indexOf(TABLE_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " has no " + TABLE_BEGIN + " ... " + TABLE_END + " markers");
        }
        return text.substring(0, begin + TABLE_BEGIN.length()) + "\n" + table + text.substring(end);
    }

    private static String shownDefault(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        }
        return "".equals(value) ? "\"\"" : String.valueOf(value);
    }

    private static String yaml(Object value) {
        if (value instanceof String text) {
            return quoted(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> quoted(String.valueOf(item))).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    /** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
    private static String quoted(String text) {
        try {
            return Mappers.JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
