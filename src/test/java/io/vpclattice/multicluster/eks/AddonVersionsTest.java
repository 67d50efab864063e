package io.vpclattice.multicluster.eks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins as the provider's addon_version validator takes them (terraform-provider-aws internal/service/eks/addon.go: the
 * semver.org expression, numbers without leading zeros), limited to the {@code -eksbuild.N} form EKS publishes.
 */
class AddonVersionsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "vpc-cni=v1.19.0-eksbuild.1, true",
        "vpc-cni=v0.0.0-eksbuild.0, true",
        "coredns=v10.20.30-eksbuild.40, true",
        "kube-proxy=v1.35.0-eksbuild.2, true",
        "eks-pod-identity-agent=v1.3.10-eksbuild.2, true",
        "vpc-cni=v01.19.0-eksbuild.1, false",
        "vpc-cni=v1.019.0-eksbuild.1, false",
        "vpc-cni=v1.19.00-eksbuild.1, false",
        "vpc-cni=v1.19.0-eksbuild.01, false",
        "vpc-cni=v00.0.0-eksbuild.0, false",
        "vpc-cni=1.19.0-eksbuild.1, false",
        "vpc-cni=v1.19-eksbuild.1, false",
        "vpc-cni=v1.19.0, false",
        "vpc-cni=v1.19.0-eksbuild, false",
        "vpc-cni=v1.19.0-eksbuild.1+meta, false",
        "aws-ebs-csi-driver=v1.19.0-eksbuild.1, false",
        "vpc-cni:v1.19.0-eksbuild.1, false"
    })
    void aPinIsAnAddOnThisProgramManagesAtAVersionTheProviderAccepts(String entry, boolean valid) {
        assertEquals(valid, AddonVersions.problem(entry).isEmpty(), entry);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "vpc-cni=v01.19.0-eksbuild.1, vpc-cni=v1.19.0-eksbuild.1",
        "coredns=v1.011.03-eksbuild.002, coredns=v1.11.3-eksbuild.2",
        "vpc-cni=v00.0.0-eksbuild.00, vpc-cni=v0.0.0-eksbuild.0",
        "vpc-cni=v1.19.0-eksbuild.1000000000000000000000000001, vpc-cni=v1.19.0-eksbuild.1000000000000000000000000001"
    })
    void aLeadingZeroIsNamedWithTheVersionMeant(String entry, String meant) {
        assertEquals(Optional.of(meant), AddonVersions.withoutLeadingZeros(entry));
    }

    @Test
    void theRefusalOfALeadingZeroSaysWhichVersionWasMeant() {
        String problem = AddonVersions.problem("vpc-cni=v01.19.0-eksbuild.1").orElseThrow();
        assertTrue(problem.endsWith("did you mean vpc-cni=v1.19.0-eksbuild.1?"), problem);
        String other = AddonVersions.problem("vpc-cni=latest").orElseThrow();
        assertTrue(other.endsWith("--addon-name vpc-cni)"), other);
        assertEquals(Optional.empty(), AddonVersions.withoutLeadingZeros("vpc-cni=latest"));
    }

    @Test
    void pinsAreKeyedByAddOn() {
        assertEquals(
                Map.of("vpc-cni", "v1.19.0-eksbuild.1"),
                AddonVersions.pins(List.of("vpc-cni=v1.19.0-eksbuild.1", "vpc-cni=v01.19.0-eksbuild.1")));
    }

    @Test
    void anAddOnThisProgramDoesNotManageIsRefusedWithTheOnesItDoes() {
        assertEquals(List.of("vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns"), AddonVersions.all());
        assertEquals(
                Optional.of("expected one of the add-ons this program manages:"
                        + " vpc-cni, kube-proxy, eks-pod-identity-agent, coredns"),
                AddonVersions.problem("cilium=v1.16.0-eksbuild.1"));
    }
}
