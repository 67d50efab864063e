package io.vpclattice.multicluster.offlineplan;

import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.stacks.DeployerPolicy;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionsCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int permissions(Path project, String... args) {
        return PermissionsCommand.run(
                project,
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A project with the example's stack files under examples/two-accounts and the given README. */
    private static Path project(Path directory, String readme) throws IOException {
        Files.copy(StackHarness.REPOSITORY.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Path example = Files.createDirectories(directory.resolve(PermissionsCommand.EXAMPLE));
        try (var files = Files.list(StackHarness.REPOSITORY.resolve(PermissionsCommand.EXAMPLE))) {
            for (Path file : files.toList()) {
                Files.copy(file, example.resolve(file.getFileName()));
            }
        }
        Files.createDirectories(directory.resolve("docs"));
        Files.writeString(directory.resolve(DeployerPolicy.DOCUMENT), readme);
        return directory;
    }

    @Test
    void writeFillsTheReadmeSectionFromTheExamplesPlans(@TempDir Path directory) throws IOException {
        project(
                directory,
                "# x\n\n" + DeployerPolicy.README_BEGIN + "\nold\n" + DeployerPolicy.README_END + "\nafter\n");
        assertEquals(0, permissions(directory, "--write"), err.toString(StandardCharsets.UTF_8));
        String readme = Files.readString(directory.resolve(DeployerPolicy.DOCUMENT));
        assertTrue(
                readme.startsWith("# x\n\n" + DeployerPolicy.README_BEGIN + "\nWhat the identity that runs"), readme);
        assertTrue(readme.endsWith(DeployerPolicy.README_END + "\nafter\n"), readme);
        for (String row : List.of("| environment | ", "| home cluster | ", "| member cluster | ")) {
            assertTrue(readme.contains(row), row);
        }
        assertTrue(
                readme.contains("`route53profiles`: AssociateProfile, DisassociateProfile, GetProfileAssociation,"
                        + " ListTagsForResource, TagResource, UntagResource"),
                readme);
        assertEquals(0, permissions(directory, "--write"));
        assertEquals(
                readme, Files.readString(directory.resolve(DeployerPolicy.DOCUMENT)), "a second run changes nothing");
    }

    @Test
    void aReadmeWithoutTheMarkersIsSaidSo(@TempDir Path directory) throws IOException {
        project(directory, "# x\n");
        assertEquals(1, permissions(directory, "--write"));
        assertEquals(
                "error: docs/multi-account.md has no " + DeployerPolicy.README_BEGIN + " ... "
                        + DeployerPolicy.README_END + " markers: put them where the section belongs\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneStacksPolicyIsIamJson() throws IOException {
        assertEquals(
                0,
                permissions(
                        StackHarness.REPOSITORY, "--stack-files", PermissionsCommand.EXAMPLE, "--stack", "cluster2"),
                err.toString(StandardCharsets.UTF_8));
        var policy = Mappers.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("Deploy", policy.at("/Statement/0/Sid").asText());
        assertTrue(policy.at("/Statement/0/Action").toString().contains("\"acm:RequestCertificate\""));
    }

    @Test
    void everyKindIsListedWithItsStacks() {
        assertEquals(0, permissions(StackHarness.REPOSITORY, "--stack-files", PermissionsCommand.EXAMPLE));
        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("environment (environment):", lines.get(0));
        assertTrue(lines.contains("home cluster (cluster1):"), lines.toString());
        assertTrue(lines.contains("member cluster (cluster2):"), lines.toString());
        assertTrue(lines.contains("  ram:AssociateResourceShare"), lines.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, permissions(StackHarness.REPOSITORY, "--bogus"));
        assertEquals(2, permissions(StackHarness.REPOSITORY, "--write", "--stack", "cluster1"));
        assertEquals(
                PermissionsCommand.USAGE + "\n" + PermissionsCommand.USAGE + "\n",
                err.toString(StandardCharsets.UTF_8));
    }

    /** The section in docs/multi-account.md is what the program generates today, like Pulumi.yaml's config block. */
    @Test
    void theCommittedSectionIsTheProgramsOwn(@TempDir Path directory) throws IOException {
        String committed = Files.readString(StackHarness.REPOSITORY.resolve(DeployerPolicy.DOCUMENT));
        project(directory, committed);
        assertEquals(0, permissions(directory, "--write"), err.toString(StandardCharsets.UTF_8));
        assertEquals(
                Files.readString(directory.resolve(DeployerPolicy.DOCUMENT)),
                committed,
                DeployerPolicy.DOCUMENT + " differs from the plans: run `java -jar target/vpc-lattice-multicluster.jar"
                        + " permissions --write`");
    }
}
