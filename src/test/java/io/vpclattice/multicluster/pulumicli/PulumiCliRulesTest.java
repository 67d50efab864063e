package io.vpclattice.multicluster.pulumicli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Pulumi CLI's load rules, read from pulumi/pulumi at commit {@value PulumiProject#PULUMI_COMMIT}
 * ({@code sdk/go/common/workspace/project.go}, {@code project.json}, {@code loaders.go};
 * {@code pkg/workspace/config.go}; {@code sdk/go/common/resource/config/object.go}; {@code sdk/go/common/tokens/stack_name.go})
 * and gopkg.in/yaml.v3 v3.0.1 ({@code resolve.go}, {@code decode.go}), applied to this project's files and to
 * the cases each rule decides.
 */
class PulumiCliRulesTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    private static String project(String config) {
        return "name: demo\nruntime: java\nconfig:\n" + config;
    }

    // --- this project's files ---

    @Test
    void pulumiYamlAndEveryStackFileLoadAsTheCliLoadsThem() {
        var files = ProjectFiles.read(PROJECT);
        assertEquals("vpc-lattice-multicluster", files.projectName());
        assertFalse(files.stackNames().isEmpty());
        for (String stack : files.stackNames()) {
            var settings = files.stackSettings(stack);
            assertEquals(List.of(), settings.warnings(), stack);
            assertEquals("1.35", settings.values().get("vpc-lattice-multicluster:kubernetesVersion"), stack);
        }
    }

    // --- Pulumi.yaml: Project.Validate and the schema ---

    static Stream<String[]> refusedProjects() {
        return Stream.of(
                new String[] {
                    project("  kubernetesVersion:\n    type: string\n    default: 1.35\n"),
                    "could not unmarshal 'Pulumi.yaml': The default value specified for configuration key 'kubernetesVersion' is not of the expected type 'string'"
                },
                new String[] {
                    project("  size:\n    type: integer\n    default: 3.5\n"),
                    "The default value specified for configuration key 'size' is not of the expected type 'integer'"
                },
                new String[] {
                    project("  size:\n    type: integer\n    default: three\n"),
                    "configuration key 'size' is not of the expected type 'integer'"
                },
                new String[] {
                    project("  flag:\n    type: boolean\n    default: yes\n"),
                    "configuration key 'flag' is not of the expected type 'boolean'"
                },
                new String[] {
                    project("  names:\n    type: array\n    default: [a]\n"),
                    "The configuration key 'names' declares an array but does not specify the underlying type via the 'items' attribute"
                },
                new String[] {
                    project("  names:\n    type: array\n    items:\n      type: string\n    default: [1]\n"),
                    "configuration key 'names' is not of the expected type 'array<string>'"
                },
                new String[] {
                    project("  a:\n    default: x\n    value: y\n"),
                    "project config 'a' cannot have both a 'default' and 'value' attribute"
                },
                new String[] {
                    project("  aws:region:\n    type: string\n    value: eu-west-1\n"),
                    "Configuration key 'aws:region' is not namespaced by the project and should not define a type"
                },
                new String[] {
                    project("  aws:region:\n    default: eu-west-1\n"),
                    "Configuration key 'aws:region' is not namespaced by the project and should not define a default value"
                },
                new String[] {
                    project("  aws:region:\n    description: where\n"),
                    "Configuration key 'aws:region' is namespaced and must provide an attribute 'value'"
                },
                new String[] {
                    project("  size:\n    type: number\n    default: 3\n"), "could not validate 'Pulumi.yaml': "
                },
                new String[] {"name: demo\nruntime: java\nconfig: [a]\n", "could not validate 'Pulumi.yaml': "},
                new String[] {
                    "name: demo\nruntime:\n  name: java\n  binary: x.jar\n", "could not validate 'Pulumi.yaml': "
                },
                new String[] {"runtime: java\n", "project is missing a 'name' attribute"},
                new String[] {"name: 5\nruntime: java\n", "project is missing a non-empty string 'name' attribute"},
                new String[] {"name: demo\nname: other\n", "mapping key \"name\" already defined at line 1"},
                new String[] {"- name: demo\n", "expected project to be an object, was '[]interface {}'"});
    }

    @ParameterizedTest
    @MethodSource("refusedProjects")
    void aProjectTheCliRefusesIsRefusedWithItsMessage(String text, String message) {
        var error = assertThrows(PulumiLoadException.class, () -> PulumiProject.parse(text));
        assertTrue(error.getMessage().contains(message), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void typedDefaultsTheCliAccepts() {
        var project = PulumiProject.parse(project("""
                  version:
                    type: string
                    default: "1.35"
                  size:
                    type: integer
                    default: 3
                  whole:
                    type: integer
                    default: 3.0
                  digits:
                    type: integer
                    default: "3"
                  flag:
                    type: boolean
                    default: "true"
                  names:
                    type: array
                    items:
                      type: string
                    default: []
                  shorthand: plain
                  aws:region: eu-west-1
                """));
        assertEquals("1.35", project.config().get("version").defaultValue());
        assertEquals(3.0, project.config().get("whole").defaultValue());
        assertEquals("plain", project.config().get("shorthand").defaultValue());
        assertEquals("eu-west-1", project.config().get("aws:region").value());
    }

    // --- stack files: what the program receives ---

    private static final PulumiProject TYPED = PulumiProject.parse(project("""
              version:
                type: string
                default: "1.35"
              count:
                type: integer
                default: 3
              flag:
                type: boolean
                default: true
              names:
                type: array
                items:
                  type: string
                default: [apps]
              token:
                type: string
                secret: true
                default: ""
              free: text
              aws:region: eu-west-1
            """));

    private static StackSettings stack(String config) {
        return StackSettings.parse(TYPED, "dev", "config:\n  demo:token:\n    secure: AAABAcipher\n" + config);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            version: "1.30"               | demo:version | 1.30
            version: 1.30                 | demo:version | 1.3
            version: 1.0                  | demo:version | 1
            free: 010                     | demo:free    | 8
            free: 0x10                    | demo:free    | 16
            free: 1_000                   | demo:free    | 1000
            free: yes                     | demo:free    | yes
            free: ~                       | demo:free    | ''
            free: 2020-01-02              | demo:free    | 2020-01-02 00:00:00 +0000 UTC
            free: 1e21                    | demo:free    | 1e+21
            count: 4                      | demo:count   | 4
            count: "4"                    | demo:count   | 4
            count: 4.0                    | demo:count   | 4
            flag: false                   | demo:flag    | false
            names: [b, "<a>"]             | demo:names   | ["b","\\u003ca\\u003e"]
            free: {b: 1, a: [x]}          | demo:free    | {"a":["x"],"b":1}
            demo:config:free: legacy      | demo:free    | legacy
            aws:region: us-west-2         | aws:region   | us-west-2
            undeclared: kept              | demo:undeclared | kept
            """)
    void stackValuesReachTheProgramAsTheCliHandsThem(String line, String key, String expected) {
        assertEquals(expected, stack("  " + line + "\n").values().get(key));
    }

    @Test
    void absentKeysGetTheProjectDefaultsAndSecretsStayEncrypted() {
        var settings = stack("");
        assertEquals(
                Map.of(
                        "aws:region",
                        "eu-west-1",
                        "demo:count",
                        "3",
                        "demo:flag",
                        "true",
                        "demo:free",
                        "text",
                        "demo:names",
                        "[\"apps\"]",
                        "demo:version",
                        "1.35"),
                settings.values());
        assertEquals(java.util.Set.of("demo:token"), settings.secretKeys());
    }

    @Test
    void anUnquotedNumberForAStringKeyIsAcceptedWithAWarning() {
        var settings = stack("  version: 1.30\n");
        assertEquals(1, settings.warnings().size());
        assertTrue(
                settings.warnings().get(0).contains("version: 1.3 is a YAML number"),
                settings.warnings().get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '  count: 3.5\n'                    | Stack 'dev' with configuration key 'count' must be of type 'integer'
            '  count: three\n'                  | Stack 'dev' with configuration key 'count' must be of type 'integer'
            '  flag: yes\n'                     | Stack 'dev' with configuration key 'flag' must be of type 'boolean'
            '  names: apps\n'                   | Stack 'dev' with configuration key 'names' must be of type 'array<string>'
            '  names: [1]\n'                    | Stack 'dev' with configuration key 'names' must be of type 'array<string>'
            '  version: {a: b}\n'               | Stack 'dev' with configuration key 'version' must be of type 'string'
            '  version: [a]\n'                  | Stack 'dev' with configuration key 'version' must be of type 'string'
            '  free: a\n  free: b\n'            | mapping key "free" already defined at line 4
            '  free: a\n  demo:free: b\n'       | Pulumi.dev.yaml sets demo:free twice, as free and as demo:free; the Pulumi CLI would keep one of them at random: keep one
            '  count: 1e400\n'                 | Stack 'dev' with configuration key 'count' must be of type 'integer'
            '  a:b:c: x\n'                      | could not parse a:b:c as a configuration key
            """)
    void aStackTheCliRefusesIsRefusedWithOneLine(String config, String message) {
        var error = assertThrows(PulumiLoadException.class, () -> stack(config.replace("\\n", "\n")));
        assertTrue(error.getMessage().contains(message), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'config:\n  free: a\n  demo:free: b\n  demo:config:free: c\n' | Pulumi.dev.yaml sets demo:free 3 times, as free and as demo:free and as demo:config:free; the Pulumi CLI would keep one of them at random: keep one
            'config:\n  - a\n'                                | Pulumi.dev.yaml: invalid YAML file: could not unmarshal map: yaml: unmarshal errors: line 2: cannot unmarshal !!seq into map[string]config.Value
            'config: []\n'                                     | Pulumi.dev.yaml: invalid YAML file: could not unmarshal map: yaml: unmarshal errors: line 1: cannot unmarshal !!seq into map[string]config.Value
            'config: a-long-scalar-value\n'                    | Pulumi.dev.yaml: invalid YAML file: could not unmarshal map: yaml: unmarshal errors: line 1: cannot unmarshal !!str `a-long-...` into map[string]config.Value
            'config: .inf\n'                                   | Pulumi.dev.yaml: invalid YAML file: could not unmarshal map: yaml: unmarshal errors: line 1: cannot unmarshal !!float `.inf` into map[string]config.Value
            'author:\n  - x\n  - y\nconfig: 5\n'               | Pulumi.dev.yaml: invalid YAML file: could not unmarshal map: yaml: unmarshal errors: line 4: cannot unmarshal !!int `5` into map[string]config.Value
            'config:\n  a: 1\n  a: 2\n  a: 3\n'               | Pulumi.dev.yaml: yaml: unmarshal errors: line 3: mapping key "a" already defined at line 2; line 4: mapping key "a" already defined at line 2; line 4: mapping key "a" already defined at line 3
            'config:\n  a: {b: 1, b: 2}\n  a: 3\n'             | Pulumi.dev.yaml: yaml: unmarshal errors: line 3: mapping key "a" already defined at line 2
            'x: {b: 1, "b": 2}\ny: {c: 1, c: 2}\n'              | Pulumi.dev.yaml: yaml: unmarshal errors: line 1: mapping key "b" already defined at line 1; line 2: mapping key "c" already defined at line 2
            'config: [1\n'                                     | Pulumi.dev.yaml: invalid YAML file: yaml:
            'config:\n  free: [1, {x: .inf}]\n'               | Pulumi.dev.yaml: demo:free[1].x=.inf: YAML reads .inf as a floating-point infinity, which the Pulumi CLI cannot hand to a program (it stops with "invalid YAML file: could not unmarshal map: json: error calling MarshalJSON for type config.object: json: error calling MarshalJSON for type config.object: json: unsupported value: +Inf"); write a number, or quote the value if text is meant
            'config:\n  version: -.inf\n  count: .nan\n'     | Pulumi.dev.yaml: demo:count=.nan: YAML reads .nan as not-a-number
            """)
    void stackFilesTheCliRefusesGetItsMessageOnOneLine(String text, String message) {
        var error = assertThrows(
                PulumiLoadException.class, () -> StackSettings.parse(TYPED, "dev", text.replace("\\n", "\n")));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void timesInsideAListReachTheProgramAsGoPrintsThem() {
        assertEquals(
                "[\"2020-01-02 00:00:00 +0000 UTC\",\"x\"]",
                stack("  names: [2020-01-02, x]\n").values().get("demo:names"));
    }

    @Test
    void aSecretKeyMustBeEncryptedAndConfigMustBeAMap() {
        var plain = assertThrows(
                PulumiLoadException.class, () -> StackSettings.parse(TYPED, "dev", "config:\n  token: visible\n"));
        assertEquals("Stack 'dev' with configuration key 'token' must be encrypted as it's secret", plain.getMessage());
        var list = assertThrows(PulumiLoadException.class, () -> StackSettings.parse(TYPED, "dev", "config:\n  - a\n"));
        assertTrue(
                list.getMessage().contains("cannot unmarshal !!seq into map[string]config.Value"), list.getMessage());
        var number = assertThrows(PulumiLoadException.class, () -> StackSettings.parse(TYPED, "dev", "config: 5\n"));
        assertTrue(
                number.getMessage().contains("cannot unmarshal !!int `5` into map[string]config.Value"),
                number.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cluster1       | ''
            a.b_c-1        | ''
            ''             | a stack name may not be empty
            'bad name'     | invalid character ' ' at position 3
            org/stack      | invalid character '/' at position 3
            """)
    void stackNamesAsTheCliAcceptsThem(String name, String problem) {
        String actual = PulumiProject.stackNameProblem(name).orElse("");
        assertTrue(problem.isEmpty() ? actual.isEmpty() : actual.endsWith(problem), actual);
    }
}
