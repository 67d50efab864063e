package io.vpclattice.multicluster.eks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version each managed add-on runs after a run: pinned, kept between upgrades, or EKS's default. */
class AddonChoiceTest {

    /**
     * @param cluster   the control plane's version, or none for a cluster not created yet
     * @param installed the installed add-on as {@code <version>@<chosen-for tag>} ({@code @-} without the tag), or
     *                  none
     * @param version   the version chosen, or none for EKS's default for the requested version
     */
    @ParameterizedTest(name = "cluster {0}, installed {1}, pin {2}, asked {3}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            none | none                 | none               | 1.35 | none               | RECOMMENDED
            none | none                 | v1.20.4-eksbuild.2 | 1.35 | v1.20.4-eksbuild.2 | PINNED
            1.35 | v1.19.0-eksbuild.1@1.35 | none            | 1.35 | v1.19.0-eksbuild.1 | KEPT
            1.34 | v1.19.0-eksbuild.1@1.34 | none            | 1.35 | none               | RECOMMENDED
            1.35 | v1.19.0-eksbuild.1@1.34 | none            | 1.35 | none               | RECOMMENDED
            1.35 | v1.19.0-eksbuild.1@-    | none            | 1.35 | v1.19.0-eksbuild.1 | KEPT
            1.34 | v1.19.0-eksbuild.1@-    | none            | 1.35 | none               | RECOMMENDED
            1.34 | v1.19.0-eksbuild.1@1.34 | v1.19.0-eksbuild.1 | 1.35 | v1.19.0-eksbuild.1 | PINNED
            1.35 | none                 | none               | 1.35 | none               | RECOMMENDED
            """)
    void pinnedElseKeptForTheSameKubernetesVersionElseEksDefault(
            String cluster, String installed, String pin, String asked, String version, AddonChoice.Source source) {
        Optional<RunningCluster> running = Optional.ofNullable(cluster)
                .map(v -> new RunningCluster(
                        v,
                        Map.of("initial", v),
                        installed == null
                                ? Map.of()
                                : Map.of(
                                        "vpc-cni",
                                        new RunningCluster.InstalledAddon(
                                                installed.split("@", -1)[0],
                                                installed.endsWith("@-")
                                                        ? Optional.empty()
                                                        : Optional.of(installed.split("@", -1)[1])))));
        var choice = AddonChoice.choose("vpc-cni", Optional.ofNullable(pin), asked, running);
        assertEquals(Optional.ofNullable(version), choice.version());
        assertEquals(source, choice.source());
        assertEquals(asked, choice.chosenFor(), "the tag records what the choice was made for");
    }

    @Test
    void aRunInterruptedAfterTheControlPlaneMovesTheAddOnsOnTheNextRun() {
        // The control plane reached 1.36; the add-ons still carry the tag of 1.35.
        var running = Optional.of(new RunningCluster(
                "1.36",
                Map.of("initial", "1.36"),
                Map.of("kube-proxy", new RunningCluster.InstalledAddon("v1.35.0-eksbuild.2", Optional.of("1.35")))));
        assertEquals(
                AddonChoice.Source.RECOMMENDED,
                AddonChoice.choose("kube-proxy", Optional.empty(), "1.36", running)
                        .source());
    }

    @Test
    void onAClusterWithNodesEveryAddOnWaitsForThemAndOnANewOneTheDaemonSetsGoFirst() {
        assertFalse(AddonPlan.decide(Map.of(), "1.35", Optional.empty()).afterNodes());
        assertTrue(AddonPlan.decide(
                        Map.of(), "1.35", Optional.of(new RunningCluster("1.34", Map.of("initial", "1.34"), Map.of())))
                .afterNodes());
        assertFalse(
                AddonPlan.decide(Map.of(), "1.35", Optional.of(new RunningCluster("1.35", Map.of(), Map.of())))
                        .afterNodes(),
                "a cluster whose first run stopped before its nodes");
        assertEquals(
                List.copyOf(new java.util.TreeSet<>(AddonVersions.all())),
                List.copyOf(new java.util.TreeSet<>(AddonPlan.decide(Map.of(), "1.35", Optional.empty())
                        .choices()
                        .keySet())));
    }
}
