package io.vpclattice.multicluster.eks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node group's name and types, the VPC CNI's minimum version, and the endpoints a private-leaning VPC gets. */
class NodeDefaultsTest {

    @Test
    void aNewListOfInstanceTypesIsANewGroupSoTheReplacementCanBeCreatedFirst() {
        var defaults = List.of("m5.large", "m5a.large", "m6i.large");
        String name = NodeGroups.name(defaults);
        assertTrue(name.matches("initial-[0-9a-f]{8}"), name);
        assertEquals(name, NodeGroups.name(List.copyOf(defaults)), "the same list, the same group");
        assertNotEquals(name, NodeGroups.name(List.of("m5.large")));
        assertNotEquals(name, NodeGroups.name(List.of("m5a.large", "m5.large", "m6i.large")), "order is priority");
        assertNotEquals("initial", name, "the group of a single type, before names were derived, is replaced");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "m5.large,m5a.large,m6i.large | none",
                "m7g.large,m6g.large | none",
                "m5.large,m7g.large | mixes arm64 (m7g.large) and x86_64 (m5.large) instance types",
            })
    void oneGroupRunsOneArchitecture(String types, String problem) {
        var found = NodeGroups.problem(Arrays.asList(types.split(",", -1)));
        assertEquals(
                Optional.ofNullable(problem), found.map(p -> p.substring(0, problem == null ? 0 : problem.length())));
    }

    @Test
    void atMostTwentyTypes() {
        var types = java.util.stream.IntStream.rangeClosed(1, 21)
                .mapToObj(i -> "m" + i + ".large")
                .toList();
        assertTrue(NodeGroups.problem(types).orElseThrow().startsWith("expected at most 20"));
    }

    @ParameterizedTest(name = "vpc-cni={0}")
    @CsvSource(
            nullValues = "none",
            value = {
                "v1.15.5-eksbuild.1, none",
                "v1.20.4-eksbuild.2, none",
                "v2.0.0-eksbuild.1, none",
                "v1.15.4-eksbuild.9, expected vpc-cni v1.15.5-eksbuild.1 or later",
                "v1.14.1-eksbuild.1, expected vpc-cni v1.15.5-eksbuild.1 or later",
                "v0.99.0-eksbuild.1, expected vpc-cni v1.15.5-eksbuild.1 or later"
            })
    void theVpcCniMustSupportPodIdentity(String version, String problem) {
        assertEquals(
                Optional.ofNullable(problem),
                VpcCni.pinProblem(version).map(p -> p.substring(0, problem == null ? 0 : problem.length())));
    }

    @Test
    void theEndpointsCoverTheSecurityHubControlsAndCostAbout145UsdPerVpcWithThreeZones() {
        assertEquals(
                List.of("EC2.10", "EC2.55", "EC2.56", "EC2.57", "EC2.58", "EC2.60"),
                NodeEndpoints.ALL.stream()
                        .map(NodeEndpoints::control)
                        .filter(control -> !control.isEmpty())
                        .toList());
        assertEquals("com.amazonaws.eu-west-1.ecr.dkr", NodeEndpoints.ALL.get(2).serviceName("eu-west-1"));
        // PrivateLink bills each interface endpoint per zone and hour: 0.011 USD in eu-west-1, 730 hours a month.
        int endpointZones = NodeEndpoints.billedEndpointZones(3);
        assertEquals(18, endpointZones);
        assertEquals(144.54, Math.round(endpointZones * 0.011 * 730 * 100) / 100.0);
    }
}
