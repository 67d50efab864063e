package io.vpclattice.multicluster.eks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which {@code kubernetesVersion} a run may ask of a running cluster, and the one line that refuses the rest. */
class KubernetesUpgradeTest {
    private static final String KEY = "vpc-lattice-multicluster:kubernetesVersion";

    private static Optional<RunningCluster> running(String version, String nodes) {
        return Optional.of(new RunningCluster(version, Map.of("initial", nodes), Map.of()));
    }

    @ParameterizedTest(name = "runs {0} (nodes {1}), asked {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            1.34 | 1.34 | 1.35 | none
            1.35 | 1.35 | 1.35 | none
            1.35 | 1.34 | 1.35 | none
            1.31 | 1.31 | 1.32 | none
            1.34 | 1.34 | 1.36 | ="1.36": eks-cluster1 runs 1.34 (AWS); EKS upgrades one minor version at a time: set "1.35" and deploy, then the next
            1.31 | 1.31 | 1.35 | ="1.35": eks-cluster1 runs 1.31 (AWS); EKS upgrades one minor version at a time: set "1.32" and deploy, then the next
            1.35 | 1.35 | 1.34 | ="1.34": eks-cluster1 runs 1.35 (AWS); a lower version is not an upgrade
            1.36 | 1.35 | 1.31 | ="1.31": eks-cluster1 runs 1.36 (AWS); a lower version is not an upgrade
            1.35 | 1.34 | 1.36 | ="1.36": eks-cluster1 runs 1.35 (AWS); its node group initial still runs 1.34 and EKS upgrades the control plane only when nodes match it: deploy with "1.35" first (the nodes roll to it), then "1.36"
            """)
    void oneMinorVersionUpAtATimeAndNeverDown(String runs, String nodes, String asked, String refusal) {
        var found = KubernetesUpgrade.refusal(KEY, asked, "eks-cluster1", running(runs, nodes));
        if (refusal == null) {
            assertEquals(Optional.empty(), found);
        } else {
            String line = found.orElseThrow();
            assertTrue(line.startsWith(KEY + refusal), line);
            assertFalse(line.contains("\n"), "one line");
            assertTrue(line.contains(runs) && line.contains(asked), "names the current and the requested version");
        }
    }

    @ParameterizedTest
    @CsvSource({"1.30", "1.36", "1.29"})
    void aClusterNotCreatedYetTakesAnyVersion(String asked) {
        assertEquals(Optional.empty(), KubernetesUpgrade.refusal(KEY, asked, "eks-cluster1", Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource({"1.35, 35", "1.9, 9", "1.100, 100", "1.33-eks, 33"})
    void minorVersions(String version, int minor) {
        assertEquals(minor, KubernetesUpgrade.minor(version));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "1.35, 35",
        "1.9, 9",
        "1.31-eks, 31",
        "135, not a Kubernetes version: 135",
        "1.x, not a Kubernetes version: 1.x"
    })
    void theMinorOfAVersion(String version, String expected) {
        String actual;
        try {
            actual = String.valueOf(KubernetesUpgrade.minor(version));
        } catch (IllegalArgumentException e) {
            actual = e.getMessage();
        }
        assertEquals(expected, actual);
    }
}
