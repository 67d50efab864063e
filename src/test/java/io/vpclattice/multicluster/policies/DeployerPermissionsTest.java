package io.vpclattice.multicluster.policies;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.config.ConfigLoader;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployer permissions cover every resource type and data source the fixtures' plans use. */
class DeployerPermissionsTest {
    @TempDir
    static Path twoAccountsDirectory;

    private static Path twoAccounts;

    @BeforeAll
    static void copyTheExample() {
        twoAccounts = StackHarness.copyExample(twoAccountsDirectory, "two-accounts");
    }

    private static List<StackPlan> plans(Path project, List<String> clusters) {
        var plans = new ArrayList<StackPlan>();
        plans.add(succeeded(StackHarness.defaultEnvironment(project)));
        clusters.forEach(cluster -> plans.add(succeeded(StackHarness.cluster(project, cluster, Map.of()))));
        return plans;
    }

    private static io.vpclattice.multicluster.offlineplan.AwsFacts facts(String yaml) {
        try {
            return io.vpclattice.multicluster.offlineplan.AwsFacts.parse(yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> types(StackPlan plan) {
        var types = new TreeSet<String>(plan.invokes());
        plan.resources().forEach(resource -> types.add(resource.type()));
        return types;
    }

    @Test
    void everyTypeAndDataSourceOfTheFixturesPlansHasAnEntry() {
        var plans = new ArrayList<StackPlan>();
        plans.addAll(plans(StackHarness.PROJECT, List.of("cluster1", "cluster2")));
        plans.addAll(plans(StackHarness.fixtureProject("services"), List.of("cluster1", "cluster2")));
        plans.addAll(plans(twoAccounts, List.of("cluster1", "cluster2")));
        // What only options and running clusters use: interface endpoints, and the look-ups of an upgrade.
        plans.add(succeeded(StackHarness.cluster(
                "cluster1",
                Map.of("interfaceEndpoints", "true"),
                facts("clusters:\n  eks-cluster1: { version: \"1.34\" }\n"))));
        var types = new TreeSet<String>();
        plans.forEach(plan -> types.addAll(types(plan)));
        assertEquals(Set.of(), DeployerPermissions.unknown(types), "add these to DeployerPermissions");
        assertTrue(types.stream().anyMatch(type -> type.startsWith("aws:")), types.toString());
        for (String type : types) {
            String namespace = type.substring(0, type.indexOf(':'));
            assertTrue(
                    namespace.equals("multicluster")
                            || namespace.equals("pulumi")
                            || ConfigLoader.READ_NAMESPACES.contains(namespace),
                    "a package whose configuration namespace the config loader does not know: " + type);
        }
    }

    @Test
    void everyActionIsAServiceAndAnOperationAndEveryEntrySaysWhereItComesFrom() {
        DeployerPermissions.AWS.forEach((type, need) -> {
            need.actions().forEach(action -> assertTrue(action.matches("[a-z0-9-]+:[A-Z][A-Za-z0-9]+"), action));
            assertTrue(need.source().startsWith("terraform-provider-aws internal/service/"), type);
        });
    }

    @Test
    void theMemberClustersPolicyHasWhatTheReadmeMissed() {
        var member = plans(twoAccounts, List.of("cluster2")).get(1);
        var actions = DeployerPermissions.actions(types(member));
        assertTrue(
                actions.containsAll(List.of(
                        "acm:AddTagsToCertificate",
                        "acm:DescribeCertificate",
                        "acm:ListTagsForCertificate",
                        "acm:DeleteCertificate",
                        "route53profiles:GetProfileAssociation",
                        "route53profiles:DisassociateProfile",
                        "route53profiles:TagResource",
                        "vpc-lattice:GetServiceNetworkVpcAssociation",
                        "vpc-lattice:DeleteServiceNetworkVpcAssociation",
                        "vpc-lattice:TagResource")),
                actions.toString());
    }

    @Test
    void thePolicyIsIamJsonWithServiceLinkedRolesAndTheKubeconfigRoleApart() throws IOException {
        JsonNode policy = Mappers.JSON.readTree(DeployerPermissions.policy(
                List.of("aws:eks/cluster:Cluster", "kubernetes:core/v1:Namespace", "multicluster:eks:Cluster"),
                Optional.of("arn:aws:iam::123456789012:role/eks-admin")));
        assertEquals("2012-10-17", policy.get("Version").asText());
        var statements = policy.get("Statement");
        assertEquals(3, statements.size());
        assertEquals("Deploy", statements.get(0).get("Sid").asText());
        assertTrue(statements.get(0).get("Action").toString().contains("\"eks:CreateCluster\""));
        assertEquals(
                "{\"StringEquals\":{\"iam:AWSServiceName\":\"eks.amazonaws.com\"}}",
                statements.get(1).get("Condition").toString());
        assertEquals("sts:AssumeRole", statements.get(2).get("Action").asText());
        assertEquals(
                "arn:aws:iam::123456789012:role/eks-admin",
                statements.get(2).get("Resource").asText());
        var unknown = assertThrows(
                IllegalArgumentException.class,
                () -> DeployerPermissions.policy(List.of("aws:s3/bucket:Bucket"), Optional.empty()));
        assertEquals(
                "no deployer permissions are known for aws:s3/bucket:Bucket; add them to DeployerPermissions",
                unknown.getMessage());
    }
}
