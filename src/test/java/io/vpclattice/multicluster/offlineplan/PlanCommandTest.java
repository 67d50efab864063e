package io.vpclattice.multicluster.offlineplan;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCommandTest {
    /** The plan of every stack, made once for the class as {@code scripts/plan.sh} makes it. */
    @TempDir
    static Path everyStack;

    private static String everyStackTree;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plan(Path project, String... args) {
        return PlanCommand.run(
                project,
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void planEveryStack() {
        var test = new PlanCommandTest();
        assertEquals(
                0,
                test.plan(StackHarness.PROJECT, "--out", everyStack.toString()),
                test.err.toString(StandardCharsets.UTF_8));
        everyStackTree = test.out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plansEveryStackInOneRunAndWiresClustersToTheEnvironmentsOutputs() throws IOException {
        Path outDirectory = everyStack;
        Set<String> written = new TreeSet<>();
        try (var files = Files.list(outDirectory)) {
            files.forEach(f -> written.add(f.getFileName().toString()));
        }
        assertEquals(Set.of("environment.json", "cluster1.json", "cluster2.json"), written);

        JsonNode environment =
                Mappers.JSON.readTree(outDirectory.resolve("environment.json").toFile());
        JsonNode cluster =
                Mappers.JSON.readTree(outDirectory.resolve("cluster1.json").toFile());
        assertEquals("vpc-lattice-multicluster", cluster.get("project").asText());
        assertEquals("cluster1", cluster.get("stack").asText());
        assertEquals(
                "organization/vpc-lattice-multicluster/environment",
                cluster.at("/stackReferences/0/name").asText());
        for (JsonNode resource : cluster.get("resources")) {
            for (String field : List.of("urn", "type", "name", "custom", "parent", "dependsOn", "provider", "inputs")) {
                assertTrue(resource.has(field), field + " missing in " + resource.get("urn"));
            }
        }
        String serviceNetworkId = environment.at("/outputs/serviceNetworkId").asText();
        boolean associated = false;
        for (JsonNode resource : cluster.get("resources")) {
            if (resource.get("type")
                    .asText()
                    .equals("aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation")) {
                associated = serviceNetworkId.equals(
                        resource.at("/inputs/serviceNetworkIdentifier").asText());
            }
        }
        assertTrue(associated, "the cluster plan associates the environment plan's service network");
        assertEquals("[secret]", cluster.at("/outputs/kubeconfig").asText());
        String tree = everyStackTree;
        assertTrue(tree.contains("environment (vpc-lattice-multicluster)"), tree);
        assertTrue(tree.contains("aws:eks/cluster:Cluster eks  name=eks-cluster1"), tree);
        assertTrue(
                tree.contains("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute demo-route  [apps/demo-cluster1]"),
                tree);
    }

    @Test
    void aClusterAloneIsPlannedAgainstTheEnvironmentWithoutWritingIt(@TempDir Path outDirectory) throws IOException {
        assertEquals(
                0,
                plan(StackHarness.PROJECT, "--out", outDirectory.toString(), "cluster2"),
                err.toString(StandardCharsets.UTF_8));
        try (var files = Files.list(outDirectory)) {
            assertEquals(
                    List.of("cluster2.json"),
                    files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aClusterCanReuseAnEarlierEnvironmentPlan(@TempDir Path outDirectory) throws IOException {
        assertEquals(
                0,
                plan(
                        StackHarness.PROJECT,
                        "--out",
                        outDirectory.toString(),
                        "--environment-plan",
                        everyStack.resolve("environment.json").toString(),
                        "cluster1"),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(
                out.toString(StandardCharsets.UTF_8).contains("environment (vpc-lattice-multicluster)"),
                "not planned again");
        JsonNode cluster =
                Mappers.JSON.readTree(outDirectory.resolve("cluster1.json").toFile());
        assertEquals(
                "demo-cluster1.vpc-lattice-octank.io",
                cluster.at("/outputs/demoHostname").asText());
    }

    @Test
    void aBadValueFailsWithOneLineAndWritesNothing(@TempDir Path project) throws IOException {
        StackHarness.copyProject(
                project, Map.of("cluster4", "config:\n  vpc-lattice-multicluster:vpcCidr: 10.0.0.0/33\n"));
        Path outDirectory = project.resolve("out");
        assertEquals(1, plan(project, "--out", outDirectory.toString(), "cluster4"));
        assertEquals(
                "error: stack cluster4: invalid configuration: vpc-lattice-multicluster:vpcCidr=\"10.0.0.0/33\": "
                        + "expected an IPv4 CIDR such as 10.0.0.0/16\n",
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(outDirectory.resolve("cluster4.json")));
    }

    @Test
    void theProgramsWarningsArePrintedOnePerLineNamingTheStack(@TempDir Path project) throws IOException {
        StackHarness.copyProject(project, Map.of());
        String organization = "arn:aws:organizations::111111111111:organization/o-abcdefghij";
        Files.writeString(
                project.resolve("Pulumi.environment.yaml"),
                "config:\n  vpc-lattice-multicluster:sharedWith:\n    - " + organization + "\n");
        assertEquals(0, plan(project, "--out", project.resolve("out").toString(), "environment"));
        assertEquals(
                "warning: stack environment: vpc-lattice-multicluster:sharedWith names the organization "
                        + organization + ": every account in it, now and later, may associate VPCs with the service"
                        + " network and have the private CA issue certificates for any name, vpc-lattice-octank.io"
                        + " names too, which every sidecar trusts; list the member accounts' ids to share with them"
                        + " alone\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPlanOfTheShippedStacksWarnsOfNothing() {
        assertEquals(
                List.of(),
                StackHarness.succeeded(StackHarness.environment(Map.of())).warnings(),
                "the environment");
        assertEquals(
                List.of(),
                StackHarness.succeeded(StackHarness.cluster("cluster1", Map.of()))
                        .warnings(),
                "a cluster");
    }

    @Test
    void anEnvironmentRenamedInPulumiYamlIsPlannedFirstAndReferencedByEveryCluster(@TempDir Path project)
            throws IOException {
        StackHarness.copyProject(project, Map.of());
        Path pulumiYaml = project.resolve("Pulumi.yaml");
        String declared = "  environmentStack:\n    type: string\n    default: \"environment\"\n";
        assertTrue(Files.readString(pulumiYaml).contains(declared));
        Files.writeString(
                pulumiYaml,
                Files.readString(pulumiYaml).replace(declared, declared.replace("\"environment\"", "\"shared\"")));
        Files.move(project.resolve("Pulumi.environment.yaml"), project.resolve("Pulumi.shared.yaml"));
        Path outDirectory = project.resolve("out");
        assertEquals(0, plan(project, "--out", outDirectory.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(
                out.toString(StandardCharsets.UTF_8).startsWith("shared (vpc-lattice-multicluster)"),
                out.toString(StandardCharsets.UTF_8));
        JsonNode cluster =
                Mappers.JSON.readTree(outDirectory.resolve("cluster2.json").toFile());
        assertEquals(
                "organization/vpc-lattice-multicluster/shared",
                cluster.at("/stackReferences/0/name").asText());
        assertTrue(Files.exists(outDirectory.resolve("shared.json")));
    }

    @Test
    void stackFilesThatDisagreeOnTheEnvironmentStopThePlanWithOneLine(@TempDir Path project) {
        StackHarness.copyProject(
                project, Map.of("cluster4", "config:\n  vpc-lattice-multicluster:environmentStack: shared\n"));
        Path outDirectory = project.resolve("out");
        assertEquals(1, plan(project, "--out", outDirectory.toString(), "cluster1"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(
                message.startsWith("error: invalid configuration: the stack files disagree on "
                        + "vpc-lattice-multicluster:environmentStack, which decides which stack is the environment: "),
                message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(Files.exists(outDirectory));
    }

    @Test
    void anExamplesStackFilesArePlannedInPlaceOfTheProjectsOwn(@TempDir Path outDirectory) throws IOException {
        assertEquals(
                0,
                plan(
                        StackHarness.PROJECT,
                        "--out",
                        outDirectory.toString(),
                        "--stack-files",
                        StackHarness.REPOSITORY.resolve("examples/two-accounts").toString(),
                        "cluster2"),
                err.toString(StandardCharsets.UTF_8));
        JsonNode cluster =
                Mappers.JSON.readTree(outDirectory.resolve("cluster2.json").toFile());
        assertEquals(
                "210987654321",
                cluster.at("/outputs/account").asText(),
                "the example puts cluster2 in its own account");
        assertTrue(Files.exists(StackHarness.PROJECT.resolve("Pulumi.cluster2.yaml")));
        assertFalse(
                Files.readString(StackHarness.PROJECT.resolve("Pulumi.cluster2.yaml"))
                        .contains("accountId"),
                "the project's own stack files are left as they are");
        assertEquals(
                2,
                plan(
                        StackHarness.PROJECT,
                        "--stack-files",
                        outDirectory.resolve("absent").toString()));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("absent: not a directory"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadValueRegistersNothing() {
        var failed = StackHarness.cluster("cluster1", Map.of("natGateways", "two"));
        assertFalse(failed.succeeded());
        assertEquals(List.of(), failed.resources(), "validation runs before any resource is registered");
    }

    @Test
    void unknownFlagsPrintUsage() {
        assertEquals(2, plan(StackHarness.PROJECT, "--verbose"));
        assertEquals(PlanCommand.USAGE + "\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpIsTheUsageOnStandardOutput() {
        assertEquals(0, plan(StackHarness.PROJECT, "--help"));
        assertEquals(PlanCommand.USAGE + "\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownStackIsRefusedWithTheProjectsStacks(@TempDir Path outDirectory) {
        assertEquals(2, plan(StackHarness.PROJECT, "--out", outDirectory.toString(), "custer1"));
        assertEquals(
                "error: unknown stack 'custer1': the project's stacks are environment, cluster1, cluster2 (did you"
                        + " mean cluster1?); a new cluster stack needs its Pulumi.<stack>.yaml\n",
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(outDirectory.resolve("custer1.json")), "a deny-all stack is not planned");
    }

    /** The README says "in place of": a stack the directory has no file for is not planned from the project. */
    @Test
    void stackFilesReplaceTheProjectsOwn(@TempDir Path stackFiles) throws IOException {
        Files.writeString(stackFiles.resolve("Pulumi.environment.yaml"), "config: {}\n");
        Files.writeString(stackFiles.resolve("Pulumi.cluster9.yaml"), "config: {}\n");
        assertEquals(
                0,
                plan(
                        StackHarness.PROJECT,
                        "--out",
                        stackFiles.resolve("out").toString(),
                        "--stack-files",
                        stackFiles.toString()),
                err.toString(StandardCharsets.UTF_8));
        try (var files = Files.list(stackFiles.resolve("out"))) {
            assertEquals(
                    Set.of("environment.json", "cluster9.json"),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void anEnvironmentPlanThatCannotBeReadIsSaidSo() {
        assertEquals(1, plan(StackHarness.PROJECT, "--environment-plan", "/nonexistent.json", "cluster1"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("error: cannot read the environment plan /nonexistent.json: "), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void whenTheEnvironmentFailsTheClustersAreNamedOnceAsNotPlanned(@TempDir Path project) throws IOException {
        StackHarness.copyProject(project, Map.of());
        Files.writeString(
                project.resolve("Pulumi.environment.yaml"), "config:\n  vpc-lattice-multicluster:domain: x\n");
        assertEquals(1, plan(project, "--out", project.resolve("out").toString()));
        assertEquals(
                List.of(
                        "error: stack environment: invalid configuration: vpc-lattice-multicluster:domain=\"x\":"
                                + " expected a lowercase DNS domain with at least two labels, such as"
                                + " vpc-lattice-octank.io",
                        "error: not planned, because they read the environment, whose plan failed: cluster1, cluster2"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    // --- --aws-facts (issue 19): what AWS runs now ---

    /** Plans cluster1 against the class's environment plan, with {@code facts} as the facts file, into DIR/out. */
    private int planCluster1WithFacts(Path directory, String facts) throws IOException {
        Path file = directory.resolve("facts.yaml");
        Files.writeString(file, facts);
        return plan(
                StackHarness.PROJECT,
                "--out",
                directory.resolve("out").toString(),
                "--environment-plan",
                everyStack.resolve("environment.json").toString(),
                "--aws-facts",
                file.toString(),
                "cluster1");
    }

    @Test
    void anUpgradeIsPlannedFromTheFactsFile(@TempDir Path directory) throws IOException {
        assertEquals(
                0,
                planCluster1WithFacts(directory, "clusters:\n  eks-cluster1: { version: \"1.34\" }\n"),
                err.toString(StandardCharsets.UTF_8));
        Path outDirectory = directory.resolve("out");
        JsonNode cluster =
                Mappers.JSON.readTree(outDirectory.resolve("cluster1.json").toFile());
        for (JsonNode resource : cluster.get("resources")) {
            if (resource.get("type").asText().equals("aws:eks/nodeGroup:NodeGroup")) {
                assertEquals("1.35", resource.at("/inputs/version").asText());
            }
        }
        String tree = out.toString(StandardCharsets.UTF_8);
        assertTrue(
                tree.matches("(?s).*aws:eks/nodeGroup:NodeGroup eks-initial  version=1\\.35"
                        + " nodeGroupName=initial-\\p{XDigit}{8}.*"),
                tree);
        assertTrue(tree.contains("chart=external-dns version=1.21.1"), "the plan shows the charts' versions");
    }

    @Test
    void aRefusedUpgradeFailsWithOneLine(@TempDir Path directory) throws IOException {
        assertEquals(1, planCluster1WithFacts(directory, "clusters:\n  eks-cluster1: { version: \"1.33\" }\n"));
        assertEquals(
                "error: stack cluster1: invalid configuration: vpc-lattice-multicluster:kubernetesVersion=\"1.35\":"
                        + " eks-cluster1 runs 1.33 (AWS); EKS upgrades one minor version at a time: set \"1.34\" and"
                        + " deploy, then the next\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFactsFileThatCannotBeReadIsSaidSoBeforeAnyPlan(@TempDir Path directory) throws IOException {
        Path facts = directory.resolve("facts.yaml");
        Files.writeString(facts, "clusters:\n  eks-cluster9: { version: 1.30 }\n");
        assertEquals(2, plan(StackHarness.PROJECT, "--aws-facts", facts.toString(), "cluster1"));
        assertEquals(
                "error: --aws-facts " + facts + ": clusters.eks-cluster9.version: expected a quoted Kubernetes version"
                        + " such as \"1.34\", not the number 1.3 (YAML reads an unquoted 1.30 as 1.3)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
