package io.vpclattice.multicluster.eks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EksDecisionsTest {
    private static final String KEY = "vpc-lattice-multicluster:clusterAdminArn";
    private static final String CALLER_ROLE = "arn:aws:iam::123456789012:role/platform-engineer";
    private static final String ADMIN_ROLE = "arn:aws:iam::123456789012:role/eks-admin";
    private static final String USER = "arn:aws:iam::123456789012:user/alice";

    /** Who the one access entry names, which role the kubeconfig assumes, and whether the entry stays with its first principal. */
    @ParameterizedTest(name = "clusterAdminArn={0}, caller={1}")
    @CsvSource(nullValues = "none", textBlock = """
            none                                        | arn:aws:iam::123456789012:role/platform-engineer | arn:aws:iam::123456789012:role/platform-engineer | none                                      | true  | 0
            arn:aws:iam::123456789012:role/eks-admin    | arn:aws:iam::123456789012:role/platform-engineer | arn:aws:iam::123456789012:role/eks-admin         | arn:aws:iam::123456789012:role/eks-admin  | false | 0
            arn:aws:iam::123456789012:role/eks-admin    | arn:aws:iam::123456789012:role/ci-deployer       | arn:aws:iam::123456789012:role/eks-admin         | arn:aws:iam::123456789012:role/eks-admin  | false | 0
            arn:aws:iam::123456789012:role/eks-admin    | arn:aws:iam::123456789012:role/eks-admin         | arn:aws:iam::123456789012:role/eks-admin         | arn:aws:iam::123456789012:role/eks-admin  | false | 1
            arn:aws:iam::123456789012:user/alice        | arn:aws:iam::123456789012:user/alice             | arn:aws:iam::123456789012:user/alice             | none                                      | false | 0
            """, delimiter = '|')
    void accessFollowsTheConfiguredAdminNotWhoeverRanLast(
            String admin, String caller, String entry, String assumed, boolean keepFirst, int warnings) {
        assertEquals(Optional.empty(), ClusterAccess.refusal(Optional.ofNullable(admin), caller, KEY));
        var access = ClusterAccess.decide(Optional.ofNullable(admin), caller);
        assertEquals(entry, access.principalArn());
        assertEquals(Optional.ofNullable(assumed), access.assumeRoleArn());
        assertEquals(keepFirst, access.principalFromCaller());
        assertEquals(warnings, access.warnings().size(), access.warnings().toString());
    }

    @Test
    void aRoleGivesThePersonAndCiTheSameEntryAndKubeconfig() {
        var person = ClusterAccess.decide(Optional.of(ADMIN_ROLE), CALLER_ROLE);
        var ci = ClusterAccess.decide(Optional.of(ADMIN_ROLE), "arn:aws:iam::123456789012:role/github-actions");
        assertEquals(person.principalArn(), ci.principalArn());
        assertEquals(person.assumeRoleArn(), ci.assumeRoleArn());
    }

    /** A stack of another account runs with the provider's credentials; its kubeconfig must use the same. */
    @ParameterizedTest(name = "admin={0}, profile={1}, provider role={2}")
    @CsvSource(
            nullValues = "none",
            value = {
                "none,                                     member, none,                                         none",
                "none,                                     none,   arn:aws:iam::210987654321:role/deployer,      arn:aws:iam::210987654321:role/deployer",
                "arn:aws:iam::210987654321:role/eks-admin, none,   arn:aws:iam::210987654321:role/deployer,      arn:aws:iam::210987654321:role/eks-admin",
                "arn:aws:iam::210987654321:user/alice,     member, arn:aws:iam::210987654321:role/deployer,      none"
            })
    void theKubeconfigUsesTheProvidersProfileAndItsRoleUnlessAnAdminRoleIsSet(
            String admin, String profile, String providerRole, String assumed) {
        var access = ClusterAccess.decide(Optional.ofNullable(admin), providerRole == null ? CALLER_ROLE : providerRole)
                .withProviderCredentials(
                        new ProviderCredentials(Optional.ofNullable(profile), Optional.ofNullable(providerRole)));
        assertEquals(Optional.ofNullable(profile), access.awsProfile());
        assertEquals(Optional.ofNullable(assumed), access.assumeRoleArn());
    }

    @Test
    void aUserOtherThanTheCallerIsRefused() {
        String refusal =
                ClusterAccess.refusal(Optional.of(USER), CALLER_ROLE, KEY).orElseThrow();
        assertTrue(refusal.startsWith(KEY + "=\"" + USER + "\""), refusal);
        assertTrue(refusal.contains("pulumi runs as " + CALLER_ROLE), refusal);
        assertFalse(refusal.contains("\n"));
    }

    @ParameterizedTest
    @CsvSource({
        "m5.large, AL2023_x86_64_STANDARD",
        "m7g.large, AL2023_ARM_64_STANDARD",
        "c7gn.xlarge, AL2023_ARM_64_STANDARD",
        "r8gd.2xlarge, AL2023_ARM_64_STANDARD",
        "t4g.medium, AL2023_ARM_64_STANDARD",
        "a1.large, AL2023_ARM_64_STANDARD",
        "im4gn.large, AL2023_ARM_64_STANDARD",
        "g5g.xlarge, AL2023_ARM_64_STANDARD",
        "g4dn.xlarge, AL2023_x86_64_STANDARD",
        "g4ad.xlarge, AL2023_x86_64_STANDARD",
        "m5zn.large, AL2023_x86_64_STANDARD",
        "c7i-flex.large, AL2023_x86_64_STANDARD",
        "inf2.xlarge, AL2023_x86_64_STANDARD",
        "t3.medium, AL2023_x86_64_STANDARD"
    })
    void theNodeImageMatchesTheInstanceArchitecture(String instanceType, String amiType) {
        assertEquals(amiType, NodeImages.amiType(instanceType));
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "none",
            value = {
                "vpc-cni=v1.20.4-eksbuild.2, none",
                "coredns=v1.12.3-eksbuild.1, none",
                "vpc-cni, expected <add-on>=<version>",
                "vpc-cni=1.20.4, expected <add-on>=<version>",
                "aws-ebs-csi-driver=v1.45.0-eksbuild.1, expected one of the add-ons this program manages"
            })
    void addonPinsNameAManagedAddonAndAnEksBuild(String entry, String problem) {
        var found = AddonVersions.problem(entry);
        if (problem == null) {
            assertEquals(Optional.empty(), found);
        } else {
            assertTrue(found.orElseThrow().startsWith(problem), found.toString());
        }
    }

    @Test
    void pinsAreReadByAddon() {
        assertEquals(
                Map.of("vpc-cni", "v1.20.4-eksbuild.2", "coredns", "v1.12.3-eksbuild.1"),
                AddonVersions.pins(List.of("vpc-cni=v1.20.4-eksbuild.2", "coredns=v1.12.3-eksbuild.1")));
    }

    /** The family alone, as the instance type without its size, decides as well. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"m7g, true", "a1, true", "m5, false", "g4dn, false"})
    void aFamilyWithoutItsSizeIsRecognizedToo(String family, boolean arm64) {
        assertEquals(arm64, NodeImages.isArm64(family));
        assertEquals(arm64, NodeImages.isArm64(family + ".large"));
    }

    /** One node group, one AMI: its type comes from the list, of at most 20 types. */
    @Test
    void aNodeGroupTakesUpTo20TypesOfOneArchitecture() {
        assertEquals(NodeImages.ARM_64, NodeGroups.amiType(List.of("m7g.large", "c7g.large")));
        assertEquals(NodeImages.X86_64, NodeGroups.amiType(List.of("m5.large", "m6i.large")));
        var twenty = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "m" + (i + 1) + ".large")
                .toList();
        assertEquals(Optional.empty(), NodeGroups.problem(twenty));
        var more = new java.util.ArrayList<>(twenty);
        more.add("m99.large");
        assertEquals(
                Optional.of("expected at most 20 instance types (EKS's limit per node group)"),
                NodeGroups.problem(more));
    }

    @Test
    void aVpcCniPinThatIsNoVersionIsLeftToThePinsOwnRule() {
        assertEquals(Optional.empty(), VpcCni.pinProblem("latest"));
        assertEquals(Optional.empty(), VpcCni.pinProblem("v1.15.5-eksbuild.1"));
        assertTrue(VpcCni.pinProblem("v1.15.4-eksbuild.1").isPresent());
    }

    @Test
    void anAddOnPlanAnswersOnlyForTheAddOnsItChose() {
        var plan = AddonPlan.decide(Map.of(), "1.35", Optional.empty());
        for (String addon : AddonVersions.all()) {
            assertNotNull(plan.of(addon), addon);
        }
        var error = assertThrows(IllegalArgumentException.class, () -> plan.of("cilium"));
        assertEquals("no choice for add-on cilium", error.getMessage());
    }

    /** An external id without a role to assume asks nothing of the kubeconfig. */
    @Test
    void anExternalIdWithoutARoleIsNoProblemOfTheKubeconfig() {
        assertEquals(
                Optional.empty(),
                ClusterAccess.externalIdProblem(Optional.empty(), Optional.empty(), Optional.of("x-123"), KEY));
        assertTrue(ClusterAccess.externalIdProblem(Optional.empty(), Optional.of(ADMIN_ROLE), Optional.of("x-123"), KEY)
                .isPresent());
    }
}
