package io.vpclattice.multicluster.limits;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientRoleTrustTest {
    private static final String ROLE = "vpc-lattice-ccpc-sigv4-client";

    /** {@code count} distinct namespaces of {@code length} characters. */
    static List<String> namespaces(int count, int length) {
        return IntStream.range(0, count)
                .mapToObj(i -> String.format("n%0" + (length - 1) + "d", i))
                .toList();
    }

    @Test
    void fortyNamespacesOfSixtyCharactersAreTheIssuesTwoThousandSevenHundredSeventyFive() {
        List<String> forty = namespaces(40, 60);
        assertEquals(2775, ClientRoleTrust.size(forty, null));
        assertEquals(260, ClientRoleTrust.size(List.of("apps"), null));
        assertEquals(
                Optional.of("40 namespaces make the trust policy of role " + ROLE + " 2,775 characters; IAM allows"
                        + " 2,048 (IAM quotas: role trust policy length): the first 28 fit; list fewer namespaces or"
                        + " shorter names"),
                ClientRoleTrust.problem(ROLE, forty, null));
    }

    @Test
    void aTrustPolicyAtExactly2048FitsAndOneCharacterMoreDoesNot() {
        // 28 names of 60 take 2,019 characters: 29 more characters fill the policy to the limit.
        var names = new ArrayList<>(namespaces(27, 60));
        names.add("m".repeat(60 + 29));
        assertEquals(2048, ClientRoleTrust.size(names, null));
        assertEquals(Optional.empty(), ClientRoleTrust.problem(ROLE, names, null));
        names.set(27, "m".repeat(60 + 30));
        assertEquals(2049, ClientRoleTrust.size(names, null));
        assertTrue(ClientRoleTrust.problem(ROLE, names, null).isPresent());
        assertEquals(27, ClientRoleTrust.fitting(names, null));
    }

    @Test
    void aMembersRoleAlsoNamesItsClusterAndTakesFewerNamespaces() {
        List<String> names = namespaces(40, 63);
        int environment = ClientRoleTrust.fitting(names, null);
        int member = ClientRoleTrust.fitting(names, "eks-" + "c".repeat(15));
        assertEquals(27, environment);
        assertEquals(26, member);
        assertTrue(ClientRoleTrust.size(names.subList(0, member), "eks-" + "c".repeat(15)) <= 2048);
        assertTrue(ClientRoleTrust.size(names.subList(0, member + 1), "eks-" + "c".repeat(15)) > 2048);
        assertEquals(0, ClientRoleTrust.fitting(List.of(), null));
        assertEquals(Optional.empty(), ClientRoleTrust.problem(ROLE, List.of(), null));
    }

    @Test
    void groupsKeepEveryTrustPolicyWithinTheLimitAndTheNamespacesInOrder() {
        List<String> names = namespaces(100, 63);
        List<List<String>> groups = ClientRoleTrust.groups(names, null);
        assertEquals(List.of(27, 27, 27, 19), groups.stream().map(List::size).toList());
        assertEquals(names, groups.stream().flatMap(List::stream).toList());
        for (List<String> group : groups) {
            assertTrue(ClientRoleTrust.size(group, null) <= IamLimits.TRUST_POLICY_MAX);
        }
        assertEquals(List.of(List.of("apps")), ClientRoleTrust.groups(List.of("apps"), null));
        assertEquals(List.of(), ClientRoleTrust.groups(List.of(), null));
        assertEquals(List.of(namespaces(27, 63)), ClientRoleTrust.groups(namespaces(27, 63), null));
        assertEquals(2, ClientRoleTrust.groups(namespaces(28, 63), null).size());
    }

    @Test
    void aNamespaceThatFitsNoRoleIsRefused() {
        var tooLong = List.of("apps", "x".repeat(2000));
        var problem = assertThrows(IllegalArgumentException.class, () -> ClientRoleTrust.groups(tooLong, null));
        assertTrue(problem.getMessage().contains("alone does not fit"), problem.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientRoleTrust.groups(List.of("x".repeat(2000)), null));
    }

    /** Exactly 2,048 characters is one role: fitting takes all, groups makes one group, a lone namespace fits. */
    @Test
    void aGroupOfExactly2048CharactersIsOneRole() {
        var names = new ArrayList<>(namespaces(27, 60));
        names.add("m".repeat(60 + 29));
        assertEquals(2048, ClientRoleTrust.size(names, null));
        assertEquals(28, ClientRoleTrust.fitting(names, null));
        assertEquals(List.of(names), ClientRoleTrust.groups(names, null));
        String alone = "a".repeat(2048 - 256);
        assertEquals(2048, ClientRoleTrust.size(List.of(alone), null));
        assertEquals(List.of(List.of(alone)), ClientRoleTrust.groups(List.of(alone), null));
        var error =
                assertThrows(IllegalArgumentException.class, () -> ClientRoleTrust.groups(List.of(alone + "a"), null));
        assertEquals(
                "namespace " + alone + "a alone does not fit a trust policy of 2048 characters", error.getMessage());
    }
}
