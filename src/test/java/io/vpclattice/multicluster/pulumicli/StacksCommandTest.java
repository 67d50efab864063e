package io.vpclattice.multicluster.pulumicli;

import io.vpclattice.multicluster.Mappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StacksCommandTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int stacks(Path project, String... args) {
        return StacksCommand.run(
                project,
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Expected output: lines separated by spaces. */
    @ParameterizedTest(name = "stacks {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|environment cluster1 cluster2",
                "--json|[\"environment\",\"cluster1\",\"cluster2\"]",
                "--environment|environment",
                "--clusters|cluster1 cluster2",
                "--json --clusters|[\"cluster1\",\"cluster2\"]",
                "--environment --json|[\"environment\"]",
            })
    void printsTheEnvironmentFirstThenTheClusters(String args, String expected) {
        assertEquals(0, stacks(PROJECT, args.isEmpty() ? new String[0] : args.split(" ")), err());
        assertEquals(expected.replace(' ', '\n') + "\n", out());
        assertEquals("", err());
    }

    @Test
    void theJsonListIsOneLineTheWorkflowMatrixReads() throws IOException {
        assertEquals(0, stacks(PROJECT, "--json"));
        assertEquals(ProjectFiles.read(PROJECT).stacks().all(), List.of(Mappers.JSON.readValue(out(), String[].class)));
        assertEquals(1, out().lines().count());
    }

    @Test
    void anEmptyRoleIsAnEmptyListOrNothing(@TempDir Path project) throws IOException {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        assertEquals(0, stacks(project, "--clusters"));
        assertEquals("", out());
        assertEquals(0, stacks(project, "--clusters", "--json"));
        assertEquals("[]\n", out());
    }

    @ParameterizedTest(name = "stacks {0}")
    @CsvSource({"--verbose", "cluster1", "--environment --clusters", "--json --json", "--clusters --clusters"})
    void aUsageErrorPrintsTheUsageAndExits2(String args) {
        assertEquals(2, stacks(PROJECT, args.split(" ")));
        assertEquals(StacksCommand.USAGE + "\n", err());
        assertEquals("", out());
    }

    @Test
    void stackFilesThatDisagreeExit1WithOneLine(@TempDir Path project) throws IOException {
        for (String file : List.of("Pulumi.yaml", "Pulumi.environment.yaml", "Pulumi.cluster1.yaml")) {
            Files.copy(PROJECT.resolve(file), project.resolve(file));
        }
        Files.writeString(
                project.resolve("Pulumi.cluster2.yaml"),
                "config:\n  vpc-lattice-multicluster:environmentStack: shared\n");
        assertEquals(1, stacks(project));
        assertEquals("", out());
        assertTrue(
                err().startsWith("error: invalid configuration: the stack files disagree on "
                        + "vpc-lattice-multicluster:environmentStack"),
                err());
        assertTrue(err().contains("Pulumi.cluster2.yaml names \"shared\""), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void aProjectTheCliRefusesExits1WithTheClisMessage(@TempDir Path project) {
        assertEquals(1, stacks(project, "--json"));
        assertTrue(err().startsWith("error: could not read 'Pulumi.yaml': no Pulumi.yaml in "), err());
        assertEquals(1, err().lines().count(), err());
    }
}
