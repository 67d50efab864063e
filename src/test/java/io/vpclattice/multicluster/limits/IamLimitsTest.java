package io.vpclattice.multicluster.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamLimitsTest {

    @Test
    void aRoleNameHasAtMost64Characters() {
        assertEquals(Optional.empty(), IamLimits.roleName("r".repeat(64)));
        String problem = IamLimits.roleName("r".repeat(65)).orElseThrow();
        assertTrue(problem.contains("of 65 characters"), problem);
        assertEquals(Optional.empty(), IamLimits.roleName("r"));
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource({
        "vpc-lattice-ccpc-sigv4-client, true",
        "'A_b+c=d,e.f@g-h', true",
        "'', false",
        "with space, false",
        "slash/role, false",
        "röle, false"
    })
    void aRoleNameHasTheCharactersIamAllows(String name, boolean valid) {
        assertEquals(valid, IamLimits.roleName(name).isEmpty(), name);
    }

    @Test
    void aRoleDescriptionHasAtMost1000BytesOfLatin1() {
        assertEquals(Optional.empty(), IamLimits.roleDescription("d".repeat(1000)));
        assertTrue(IamLimits.roleDescription("d".repeat(1001)).isPresent());
        // é is Latin-1, so IAM takes it, but it is two bytes, which the provider counts.
        assertEquals(Optional.empty(), IamLimits.roleDescription("é".repeat(500)));
        String problem = IamLimits.roleDescription("é".repeat(501)).orElseThrow();
        assertTrue(problem.contains("not 1002"), problem);
        assertTrue(IamLimits.roleDescription("Pods of “eks-a”").isPresent());
        assertTrue(IamLimits.roleDescription("tab\tand\nline and ÿ").isEmpty());
        assertTrue(IamLimits.roleDescription("bell\u0007").isPresent());
        assertTrue(IamLimits.roleDescription("nbsp\u00a0").isPresent());
        assertTrue(IamLimits.roleDescription("del\u007f").isPresent());
        assertEquals(Optional.empty(), IamLimits.roleDescription(""));
    }

    /** A compact policy of exactly {@code size} characters. */
    private static String policyOf(int size) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[],\"Sid\":\"";
        return head + "x".repeat(size - head.length() - 2) + "\"}";
    }

    @Test
    void aTrustPolicyHasAtMost2048Characters() {
        assertEquals(2048, policyOf(2048).length());
        assertEquals(Optional.empty(), IamLimits.trustPolicy("r", policyOf(2048)));
        assertEquals(
                Optional.of("the trust policy of role r is 2,049 characters; IAM allows 2,048 (IAM quotas: role trust"
                        + " policy length)"),
                IamLimits.trustPolicy("r", policyOf(2049)));
        assertTrue(IamLimits.trustPolicy("r", "{\"Sid\":\"Ā\"}").isPresent(), "U+0100 is not allowed");
        assertEquals(Optional.empty(), IamLimits.trustPolicy("r", "{\"Sid\":\"ÿ\"}"));
    }

    @Test
    void theInlinePoliciesOfARoleHaveAtMost10240CharactersTogether() {
        assertEquals(Optional.empty(), IamLimits.inlinePolicies("r", List.of(policyOf(5120), policyOf(5120))));
        String problem = IamLimits.inlinePolicies("r", List.of(policyOf(5120), policyOf(5121)))
                .orElseThrow();
        assertEquals(
                "the inline policies of role r are 10,241 characters together; IAM allows 10,240 (IAM quotas: role"
                        + " policy size)",
                problem);
        assertEquals(Optional.empty(), IamLimits.inlinePolicies("r", List.of(policyOf(10_240))));
        assertTrue(IamLimits.inlinePolicies("r", List.of(policyOf(100), "{\"a\":\"Ā\"}"))
                .isPresent());
        assertEquals(Optional.empty(), IamLimits.inlinePolicies("r", List.of()));
    }
}
