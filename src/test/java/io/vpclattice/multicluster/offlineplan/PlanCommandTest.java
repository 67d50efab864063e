package io.vpclattice.multicluster.offlineplan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plan(Path project, String... args) {
        return PlanCommand.run(project, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void plansEveryStackInOneRunAndWiresClustersToTheEnvironmentsOutputs(@TempDir Path outDirectory) throws IOException {
        assertEquals(0, plan(StackHarness.PROJECT, "--out", outDirectory.toString()), err.toString(StandardCharsets.UTF_8));
        Set<String> written = new TreeSet<>();
        try (var files = Files.list(outDirectory)) {
            files.forEach(f -> written.add(f.getFileName().toString()));
        }
        assertEquals(Set.of("environment.json", "cluster1.json", "cluster2.json"), written);

        var mapper = new ObjectMapper();
        JsonNode environment = mapper.readTree(outDirectory.resolve("environment.json").toFile());
        JsonNode cluster = mapper.readTree(outDirectory.resolve("cluster1.json").toFile());
        assertEquals("vpc-lattice-multicluster", cluster.get("project").asText());
        assertEquals("cluster1", cluster.get("stack").asText());
        assertEquals("organization/vpc-lattice-multicluster/environment", cluster.at("/stackReferences/0/name").asText());
        for (JsonNode resource : cluster.get("resources")) {
            for (String field : List.of("urn", "type", "name", "custom", "parent", "dependsOn", "provider", "inputs")) {
                assertTrue(resource.has(field), field + " missing in " + resource.get("urn"));
            }
        }
        String serviceNetworkId = environment.at("/outputs/serviceNetworkId").asText();
        boolean associated = false;
        for (JsonNode resource : cluster.get("resources")) {
            if (resource.get("type").asText().equals("aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation")) {
                associated = serviceNetworkId.equals(resource.at("/inputs/serviceNetworkIdentifier").asText());
            }
        }
        assertTrue(associated, "the cluster plan associates the environment plan's service network");
        assertEquals("[secret]", cluster.at("/outputs/kubeconfig").asText());
        String tree = out.toString(StandardCharsets.UTF_8);
        assertTrue(tree.contains("aws:eks/cluster:Cluster eks  name=eks-cluster1"), tree);
        assertTrue(tree.contains("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute demo-route  [apps/demo-cluster1]"), tree);
    }

    @Test
    void aClusterAloneIsPlannedAgainstTheEnvironmentWithoutWritingIt(@TempDir Path outDirectory) throws IOException {
        assertEquals(0, plan(StackHarness.PROJECT, "--out", outDirectory.toString(), "cluster2"), err.toString(StandardCharsets.UTF_8));
        try (var files = Files.list(outDirectory)) {
            assertEquals(List.of("cluster2.json"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aClusterCanReuseAnEarlierEnvironmentPlan(@TempDir Path outDirectory) throws IOException {
        assertEquals(0, plan(StackHarness.PROJECT, "--out", outDirectory.toString(), "environment"), err.toString(StandardCharsets.UTF_8));
        String tree = out.toString(StandardCharsets.UTF_8);
        out.reset();
        assertEquals(0, plan(StackHarness.PROJECT, "--out", outDirectory.toString(),
                "--environment-plan", outDirectory.resolve("environment.json").toString(), "cluster1"), err.toString(StandardCharsets.UTF_8));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("environment (vpc-lattice-multicluster)"), "not planned again");
        assertTrue(tree.contains("environment (vpc-lattice-multicluster)"));
        JsonNode cluster = new ObjectMapper().readTree(outDirectory.resolve("cluster1.json").toFile());
        assertEquals("demo-cluster1.vpc-lattice-octank.io", cluster.at("/outputs/demoHostname").asText());
    }

    @Test
    void aBadValueFailsWithOneLineAndWritesNothing(@TempDir Path project) throws IOException {
        StackHarness.copyProject(project, Map.of("cluster4", "config:\n  vpc-lattice-multicluster:vpcCidr: 10.0.0.0/33\n"));
        Path outDirectory = project.resolve("out");
        assertEquals(1, plan(project, "--out", outDirectory.toString(), "cluster4"));
        assertEquals("error: stack cluster4: invalid configuration: vpc-lattice-multicluster:vpcCidr=\"10.0.0.0/33\": "
                + "expected an IPv4 CIDR such as 10.0.0.0/16\n", err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(outDirectory.resolve("cluster4.json")));
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
}
