package io.vpclattice.multicluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar's own commands never answer a stack file or Pulumi.yaml with a stack trace: whatever YAML a user writes,
 * each command ends with one line per problem. The values are those YAML reads as numbers Go or Java cannot turn
 * into text the usual way ({@code .inf}, {@code .nan}, {@code 1e400}), and their neighbours.
 */
class AppBadInputTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    static final List<String> VALUES = List.of(
            ".inf",
            "-.inf",
            "+.INF",
            ".nan",
            ".NaN",
            "1e400",
            "-1e400",
            ".5e400",
            "1e-400",
            "1e21",
            "99999999999999999999999",
            "18446744073709551616",
            "-9223372036854775809",
            "~",
            "''",
            "[]",
            "{}",
            "[.inf]",
            "[[.nan]]",
            "{a: .nan}",
            "[{port: .inf}]",
            "2020-01-02",
            "2020-01-02T03:04:05Z",
            "!!float .inf",
            "!!str .inf",
            "!!binary aGVsbG8=",
            "0x",
            "0b2",
            "010",
            "yes",
            "\"\\u0000\"");

    static final List<String> KEYS = List.of(
            "nodeMinSize",
            "domain",
            "allowedCallers",
            "services",
            "httpListener",
            "environmentStack",
            "vpc-lattice-multicluster:accountId",
            "vpc-lattice-multicluster:config:vpcCidr",
            "aws:region",
            "aws:assumeRole",
            "vpc-lattice-mutlicluster:vpcCidr");

    static Stream<String[]> everyKeyWithEveryValue() {
        var cases = new ArrayList<String[]>();
        for (String key : KEYS) {
            for (String value : VALUES) {
                cases.add(new String[] {key, value});
            }
        }
        return cases.stream();
    }

    @TempDir
    Path directory;

    private void project(String clusterConfig) throws IOException {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Files.writeString(directory.resolve("Pulumi.environment.yaml"), "config: {}\n");
        Files.writeString(directory.resolve("Pulumi.cluster1.yaml"), clusterConfig);
    }

    /** The command's exit status and stderr, after checking that stderr holds only one-line reports. */
    private record Run(int status, String out, String err) {}

    private Run run(String... arguments) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = App.run(
                directory,
                List.of(arguments),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String errors = err.toString(StandardCharsets.UTF_8);
        for (String line : errors.lines().toList()) {
            assertTrue(line.startsWith("error: ") || line.startsWith("warning: "), "not a one-line report: " + line);
            assertTrue(!line.contains("an unexpected "), line);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), errors);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyKeyWithEveryValue")
    void theCliEmulationReportsEveryValueInOneLine(String key, String value) throws IOException {
        project("config:\n  " + key + ": " + value + "\n");
        var config = run("config", "cluster1");
        assertTrue(List.of(0, 255).contains(config.status()), config.err());
        var stacks = run("stacks");
        assertTrue(List.of(0, 1).contains(stacks.status()), stacks.err());
    }

    static Stream<String[]> plannedValues() {
        return Stream.of(
                new String[] {
                    "nodeMinSize",
                    "1e400",
                    "error: Stack 'cluster1' with configuration key 'nodeMinSize' must be of type 'integer'"
                },
                new String[] {
                    "nodeMinSize",
                    ".inf",
                    "error: Pulumi.cluster1.yaml: vpc-lattice-multicluster:nodeMinSize=.inf: YAML reads .inf as a"
                            + " floating-point infinity, which the Pulumi CLI cannot hand to a program (it stops with"
                            + " \"invalid YAML file: could not unmarshal map: json: unsupported value: +Inf\"); write a"
                            + " number, or quote the value if text is meant"
                },
                new String[] {
                    "allowedCallers",
                    "[cluster2/apps, .nan]",
                    "error: Pulumi.cluster1.yaml: vpc-lattice-multicluster:allowedCallers[1]=.nan: YAML reads .nan as"
                            + " not-a-number, which the Pulumi CLI cannot hand to a program (it stops with \"invalid"
                            + " YAML file: could not unmarshal map: json: error calling MarshalJSON for type"
                            + " config.object: json: unsupported value: NaN\"); write a number, or quote the value if"
                            + " text is meant"
                },
                new String[] {
                    "vpcCidr",
                    "1e400",
                    "error: stack cluster1: invalid configuration: vpc-lattice-multicluster:vpcCidr=\"1e400\": expected"
                },
                new String[] {
                    "vpc-lattice-mutlicluster:vpcCidr",
                    "10.1.0.0/16",
                    "error: stack cluster1: invalid configuration: vpc-lattice-mutlicluster:vpcCidr=\"10.1.0.0/16\":"
                            + " namespace vpc-lattice-mutlicluster is neither this project's nor a provider's, so"
                            + " nothing reads this value (did you mean vpc-lattice-multicluster:vpcCidr?)"
                },
                new String[] {
                    "aws:assumeRole",
                    "{roleArn: 'arn:aws:iam::123456789012:role/deployer', externalId: shared}",
                    "error: stack cluster1: invalid configuration: aws:assumeRole.externalId is set for"
                            + " arn:aws:iam::123456789012:role/deployer, and the kubeconfig would assume that role"
                },
                new String[] {
                    "allowedCallers",
                    "1e400",
                    "error: Stack 'cluster1' with configuration key 'allowedCallers' must be of type 'array<string>'"
                });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("plannedValues")
    void thePlanStopsWithOneLineNamingTheKey(String key, String value, String message) throws IOException {
        project("config:\n  " + key + ": " + value + "\n");
        var plan = run("plan", "--out", directory.resolve("plan").toString(), "cluster1");
        assertEquals(1, plan.status(), plan.err());
        assertTrue(plan.err().lines().anyMatch(line -> line.startsWith(message)), plan.err());
    }

    @Test
    void aPulumiYamlDefaultTheCliCannotPassIsReportedInOneLine() throws IOException {
        Files.writeString(
                directory.resolve("Pulumi.yaml"),
                "name: demo\nruntime: java\nconfig:\n  size:\n    type: integer\n    default: .inf\n");
        Files.writeString(directory.resolve("Pulumi.dev.yaml"), "config: {}\n");
        var config = run("config", "dev");
        assertEquals(255, config.status());
        assertEquals(
                "error: Pulumi.yaml: the default of configuration key 'size' holds a YAML infinity or not-a-number"
                        + " (.inf, -.inf, .nan), which the Pulumi CLI cannot hand to a program (it stops with"
                        + " \"validating stack config: json: unsupported value: +Inf\"); write a number, or quote the"
                        + " value if text is meant\n",
                config.err());
    }

    @Test
    void aFaultOfTheProgramIsOneLineThatSaysWhere() throws IOException {
        project("config: {}\n");
        var err = new ByteArrayOutputStream();
        // No stream to print the stacks to: the command fails inside, as a bug would.
        int status = App.run(directory, List.of("stacks"), null, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        String report = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, report.lines().count(), report);
        assertTrue(
                report.matches(
                        "error: an unexpected NullPointerException \\(.*\\) at StacksCommand\\.java:\\d+: a fault"
                                + " of this program, not of your files; please report it with the command and the stack"
                                + " files\n"),
                report);
    }
}
