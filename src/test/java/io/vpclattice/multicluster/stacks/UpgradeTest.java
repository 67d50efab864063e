package io.vpclattice.multicluster.stacks;

import io.vpclattice.multicluster.eks.NodeGroups;
import io.vpclattice.multicluster.offlineplan.AwsFacts;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.dependsOn;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;
import static io.vpclattice.multicluster.testing.StackHarness.only;
import static io.vpclattice.multicluster.testing.StackHarness.reaches;
import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Day 2 (issue 19): a cluster upgraded by changing {@code kubernetesVersion}, planned against what AWS runs, given
 * as the facts file {@code scripts/plan.sh --aws-facts FILE} reads. The fixture's cluster1 asks for 1.35, the
 * default.
 */
class UpgradeTest {
    private static final List<String> DEFAULT_TYPES = List.of("m5.large", "m5a.large", "m6i.large");
    private static final String ADDON_TAG = "tags.vpc-lattice-multicluster:chosen-for-kubernetes";

    private static AwsFacts facts(String yaml) {
        try {
            return AwsFacts.parse(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StackPlan cluster1(Map<String, String> overrides, String facts) {
        return StackHarness.cluster("cluster1", overrides, facts(facts));
    }

    private static Map<String, PlannedResource> addons(StackPlan plan) {
        return ofType(plan, "aws:eks/addon:Addon").stream()
                .collect(Collectors.toMap(a -> (String) at(a, "addonName"), a -> a));
    }

    @Test
    void fromOneThirtyFourToOneThirtyFiveInTheDocumentedOrder() {
        // GIVEN the documented minimal facts file: eks-cluster1 runs 1.34, with its node group and add-ons of 1.34
        var plan = succeeded(cluster1(Map.of(), "clusters:\n  eks-cluster1: { version: \"1.34\" }\n"));
        var cluster = only(plan, "aws:eks/cluster:Cluster");
        var nodes = only(plan, "aws:eks/nodeGroup:NodeGroup");
        // THEN the control plane, the node group and the add-ons all move to 1.35
        assertEquals("1.35", at(cluster, "version"));
        assertEquals("1.35", at(nodes, "version"));
        assertEquals(1L, at(nodes, "updateConfig.maxUnavailable"), "the roll respects updateConfig");
        addons(plan).forEach((name, addon) -> {
            assertEquals("default-for-1.35", at(addon, "addonVersion"), name + ": EKS's default for 1.35");
            assertEquals("1.35", at(addon, ADDON_TAG), name);
            // AND in the order of the EKS upgrade page: control plane, then nodes, then add-ons
            assertTrue(dependsOn(addon, nodes), name + " moves after the nodes");
            assertFalse(dependsOn(nodes, addon), "nodes no longer wait for " + name);
        });
        assertTrue(dependsOn(nodes, cluster), "the nodes roll once the control plane runs 1.35");
        assertTrue(reaches(plan, addons(plan).get("kube-proxy"), cluster));
        assertEquals(
                4,
                plan.invokes().stream()
                        .filter(i -> i.endsWith("getAddonVersion"))
                        .count(),
                "EKS's recommended version of each add-on for 1.35");
    }

    @Test
    void twoMinorVersionsAtOnceAreRefusedBeforeAnyResource() {
        var plan = cluster1(Map.of("kubernetesVersion", "1.36"), "clusters:\n  eks-cluster1: { version: \"1.34\" }\n");
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:kubernetesVersion=\"1.36\": eks-cluster1 runs 1.34"
                        + " (AWS); EKS upgrades one minor version at a time: set \"1.35\" and deploy, then the next",
                plan.error().orElseThrow());
        assertEquals(List.of(), plan.resources());
    }

    @Test
    void aLowerVersionIsRefusedBeforeAnyResource() {
        var plan = cluster1(Map.of("kubernetesVersion", "1.34"), "clusters:\n  eks-cluster1: { version: \"1.35\" }\n");
        String error = plan.error().orElseThrow();
        assertTrue(
                error.startsWith("invalid configuration: vpc-lattice-multicluster:kubernetesVersion=\"1.34\":"
                        + " eks-cluster1 runs 1.35 (AWS); a lower version is not an upgrade"),
                error);
        assertTrue(error.endsWith("keep \"1.35\""), error);
        assertFalse(error.contains("\n"));
        assertEquals(List.of(), plan.resources());
    }

    @Test
    void theSameVersionLeavesEveryAddOnAndTheNodeGroupAsTheyRun() {
        String group = NodeGroups.name(DEFAULT_TYPES);
        var plan = succeeded(cluster1(Map.of(), """
                clusters:
                  eks-cluster1:
                    version: "1.35"
                    nodeGroups: { %s: "1.35" }
                    addons:
                      vpc-cni: "v1.20.4-eksbuild.2"
                      kube-proxy: "v1.35.0-eksbuild.2"
                      coredns: "v1.12.3-eksbuild.1"
                      eks-pod-identity-agent: "v1.3.8-eksbuild.2"
                """.formatted(group)));
        var versions = addons(plan).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> at(e.getValue(), "addonVersion")));
        assertEquals(
                Map.of(
                        "vpc-cni", "v1.20.4-eksbuild.2",
                        "kube-proxy", "v1.35.0-eksbuild.2",
                        "coredns", "v1.12.3-eksbuild.1",
                        "eks-pod-identity-agent", "v1.3.8-eksbuild.2"),
                versions,
                "AWS moving its default changes nothing between upgrades");
        assertEquals(
                List.of(),
                plan.invokes().stream()
                        .filter(i -> i.endsWith("getAddonVersion"))
                        .toList(),
                "nothing to look up");
        var nodes = only(plan, "aws:eks/nodeGroup:NodeGroup");
        assertEquals(group, at(nodes, "nodeGroupName"));
        assertEquals("1.35", at(nodes, "version"));
        addons(plan).values().forEach(addon -> assertEquals(List.of(), addon.ignoreChanges()));
    }

    @Test
    void aPinnedAddOnStaysPinnedThroughAnUpgrade() {
        var plan = succeeded(cluster1(
                Map.of("addonVersions", "[\"kube-proxy=v1.34.1-eksbuild.2\"]"),
                "clusters:\n  eks-cluster1: { version: \"1.34\" }\n"));
        var addons = addons(plan);
        assertEquals("v1.34.1-eksbuild.2", at(addons.get("kube-proxy"), "addonVersion"));
        assertEquals("default-for-1.35", at(addons.get("vpc-cni"), "addonVersion"));
        assertEquals("1.35", at(only(plan, "aws:eks/nodeGroup:NodeGroup"), "version"));
    }

    @Test
    void aRunInterruptedAfterTheControlPlaneMovesTheOldAddOnsNow() {
        // The control plane reached 1.35, the add-ons still carry the versions chosen for 1.34.
        var plan = succeeded(cluster1(Map.of(), """
                clusters:
                  eks-cluster1:
                    version: "1.35"
                    nodeGroups: { initial: "1.34" }
                    addons:
                      vpc-cni: { version: "v1.19.0-eksbuild.1", chosenFor: "1.34" }
                      kube-proxy: { version: "v1.34.1-eksbuild.2", chosenFor: "1.34" }
                      coredns: { version: "v1.11.4-eksbuild.1", chosenFor: "1.34" }
                      eks-pod-identity-agent: { version: "v1.3.7-eksbuild.1", chosenFor: "1.34" }
                """));
        addons(plan).forEach((name, addon) -> assertEquals("default-for-1.35", at(addon, "addonVersion"), name));
        assertEquals("1.35", at(only(plan, "aws:eks/nodeGroup:NodeGroup"), "version"), "the nodes catch up");
    }

    @Test
    void addOnsMadeBeforeTheirTagKeepTheirVersionWhileTheVersionStays() {
        var plan = succeeded(cluster1(Map.of(), """
                clusters:
                  eks-cluster1:
                    version: "1.35"
                    addons:
                      vpc-cni: { version: "v1.20.4-eksbuild.2", chosenFor: null }
                """));
        var addons = addons(plan);
        assertEquals("v1.20.4-eksbuild.2", at(addons.get("vpc-cni"), "addonVersion"));
        assertEquals("1.35", at(addons.get("vpc-cni"), ADDON_TAG), "tagged now");
        assertEquals(
                "default-for-1.35",
                at(addons.get("coredns"), "addonVersion"),
                "an add-on that is not installed gets EKS's default");
    }

    @Test
    void nodesBehindTheControlPlaneStopTheNextUpgrade() {
        var plan = cluster1(
                Map.of("kubernetesVersion", "1.36"),
                "clusters:\n  eks-cluster1: { version: \"1.35\", nodeGroups: { initial: \"1.34\" } }\n");
        String error = plan.error().orElseThrow();
        assertTrue(error.contains("its node group initial still runs 1.34"), error);
        assertTrue(error.contains("deploy with \"1.35\" first"), error);
        assertEquals(List.of(), plan.resources());
    }

    @Test
    void withoutFactsEveryClusterIsNewAndTheDaemonSetsComeBeforeTheNodes() {
        var plan = succeeded(StackHarness.cluster("cluster1", Map.of()));
        var nodes = only(plan, "aws:eks/nodeGroup:NodeGroup");
        var addons = addons(plan);
        for (String daemonSet : Set.of("vpc-cni", "kube-proxy", "eks-pod-identity-agent")) {
            assertTrue(dependsOn(nodes, addons.get(daemonSet)), daemonSet);
        }
        assertTrue(dependsOn(addons.get("coredns"), nodes));
    }

    @Test
    void theFactsFileSaysWhereItIsWrong() {
        String unquoted = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> AwsFacts.parse("clusters:\n  eks-cluster1: { version: 1.30 }\n"))
                .getMessage();
        assertEquals(
                "clusters.eks-cluster1.version: expected a quoted Kubernetes version such as \"1.34\", not the number"
                        + " 1.3 (YAML reads an unquoted 1.30 as 1.3)",
                unquoted);
        String typo = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> AwsFacts.parse("clusters:\n  eks-cluster1: { version: \"1.34\", addon: {} }\n"))
                .getMessage();
        assertEquals(
                "clusters.eks-cluster1.addon: not a fact the plan reads; expected one of [addons, nodeGroups, version]",
                typo);
        String addon = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> AwsFacts.parse(
                                "clusters:\n  eks-cluster1: { version: \"1.34\", addons: { aws-ebs-csi-driver: v1 } }\n"))
                .getMessage();
        assertTrue(addon.startsWith("clusters.eks-cluster1.addons.aws-ebs-csi-driver: expected one of"), addon);
    }
}
