package io.vpclattice.multicluster.posture;

import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22: the plans of the shipped stack files (their settings, from the test fixtures) against the controls of
 * {@link SecurityControls}. Everything passes but the trade-offs the project keeps on purpose and documents; a plan
 * that turns them off passes those too.
 */
class SecurityControlsTest {
    /** The public Kubernetes API endpoint: Pulumi and kubectl reach it from outside the VPC (endpointPublicAccess). */
    private static final Set<String> PUBLIC_ENDPOINT = Set.of("EKS.1");

    /** No interface endpoints by default: about 145 USD a month per VPC (interfaceEndpoints). */
    private static final Set<String> NO_ENDPOINTS = Set.of("EC2.10", "EC2.55", "EC2.56", "EC2.57", "EC2.58", "EC2.60");

    private static List<StackPlan> shipped() {
        return List.of(
                succeeded(StackHarness.environment(Map.of())),
                succeeded(StackHarness.cluster("cluster1", Map.of())),
                succeeded(StackHarness.cluster("cluster2", Map.of())));
    }

    /** The controls that fail, with the resources they fail on, as one sorted set of lines. */
    private static Set<String> failures(List<StackPlan> plans) {
        return SecurityControls.evaluate(plans).stream()
                .map(SecurityControls.Finding::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theShippedStacksFailNothingButTheDocumentedTradeOffs() {
        var plans = shipped();
        var unexpected = SecurityControls.evaluate(plans).stream()
                .filter(f -> !PUBLIC_ENDPOINT.contains(f.control()) && !NO_ENDPOINTS.contains(f.control()))
                .toList();
        assertEquals(List.of(), unexpected, "failures beside the trade-offs");
        // The list of trade-offs is exact: each one fails where documented, and nowhere else.
        var expected = new TreeSet<String>();
        for (String cluster : List.of("cluster1", "cluster2")) {
            expected.add("EKS.1 on " + cluster + " eks");
            NO_ENDPOINTS.forEach(control -> expected.add(control + " on " + cluster + " vpc"));
        }
        NO_ENDPOINTS.forEach(control -> expected.add(control + " on environment private-zone-placeholder"));
        assertEquals(expected, failures(plans));
    }

    @Test
    void aPrivateEndpointAndInterfaceEndpointsPassEksOneAndTheEndpointControls() {
        var plan = succeeded(StackHarness.cluster(
                "cluster1", Map.of("endpointPublicAccess", "false", "interfaceEndpoints", "true")));
        assertEquals(Set.of(), failures(List.of(plan)));
    }

    @Test
    void everyControlNamesItsRuleAndSource() {
        SecurityControls.ALL.forEach(control -> {
            assertTrue(control.source().startsWith("https://docs.aws.amazon.com/"), control.id());
            assertTrue(!control.rule().isBlank(), control.id());
        });
        assertEquals(SecurityControls.ALL.size(), SecurityControls.byId().size(), "ids are unique");
    }
}
