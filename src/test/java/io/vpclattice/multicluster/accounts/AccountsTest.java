package io.vpclattice.multicluster.accounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsTest {
    private static final String ENVIRONMENT = "123456789012";
    private static final String MEMBER = "210987654321";
    private static final String ORGANIZATION = "arn:aws:organizations::111111111111:organization/o-abcdefghij";
    private static final String UNIT = "arn:aws:organizations::111111111111:ou/o-klmnopqrst/ou-ab12-cdefghij";

    @Test
    void sharedWithSortsItsEntriesIntoAccountsOrganizationsAndUnits() {
        var shared = SharedWith.of(List.of(MEMBER, ORGANIZATION, UNIT));
        assertEquals(List.of(MEMBER), shared.accounts());
        assertEquals(List.of(MEMBER, ORGANIZATION, UNIT), shared.principals(), "the RAM share's principals, as given");
        assertEquals(List.of("o-abcdefghij", "o-klmnopqrst"), shared.organizationIds());
        assertTrue(SharedWith.NOBODY.isEmpty());
        assertFalse(shared.isEmpty());
    }

    @ParameterizedTest(name = "{0} serves {1}: {2}")
    @CsvSource({
        "210987654321, 210987654321, true",
        "210987654321, 555555555555, false",
        "arn:aws:organizations::111111111111:organization/o-abcdefghij, 555555555555, true"
    })
    void anAccountIsServedWhenListedOrPossiblyInsideAnOrganization(String entry, String account, boolean served) {
        assertEquals(served, SharedWith.of(List.of(entry)).mayServe(account));
    }

    @ParameterizedTest
    @CsvSource({"2109876543210", "arn:aws:organizations::111111111111:root/o-abcdefghij/r-ab12", "o-abcdefghij", "''"})
    void anEntryThatIsNeitherAccountNorOrganizationNorUnitIsRefused(String entry) {
        assertTrue(SharedWith.problem(entry).isPresent(), entry);
    }

    @Test
    void clustersRunInTheirConfiguredAccountOrTheEnvironments() {
        var accounts = new ClusterAccounts(Map.of("cluster2", MEMBER, "cluster3", ENVIRONMENT));
        assertEquals(ENVIRONMENT, accounts.accountOf("cluster1", ENVIRONMENT));
        assertEquals(MEMBER, accounts.accountOf("cluster2", ENVIRONMENT));
        assertEquals(ENVIRONMENT, accounts.accountOf("unknown", ENVIRONMENT));
        assertEquals(
                Map.of("cluster2", MEMBER),
                accounts.members(ENVIRONMENT),
                "naming the environment's own account is no member");
        assertEquals(List.of(ENVIRONMENT, MEMBER), accounts.all(ENVIRONMENT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "none",
            value = {
                "the environment's account by default,          none,         123456789012, none",
                "a member with its own credentials,             210987654321, 210987654321, none",
                "a member run with the environment's,           210987654321, 123456789012, 'key=\"210987654321\": the stack runs with credentials of account 123456789012; set aws:profile or aws:assumeRole in Pulumi.cluster2.yaml to credentials of 210987654321'",
                "another account without accountId,             none,         210987654321, 'key=\"\": the stack runs with credentials of account 210987654321 but the environment is in 123456789012; set key: \"210987654321\" in Pulumi.cluster2.yaml (and name it in the environment''s sharedWith), or run with credentials of 123456789012'"
            })
    void aClusterRunsOnlyWhereItsCredentialsAre(String why, String configured, String credentials, String problem) {
        assertEquals(
                Optional.ofNullable(problem),
                ClusterAccounts.placementProblem(
                        "key", Optional.ofNullable(configured), credentials, ENVIRONMENT, "Pulumi.cluster2.yaml"),
                why);
    }
}
