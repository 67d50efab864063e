package io.vpclattice.multicluster.accounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        assertEquals(List.of("o-abcdefghij"), shared.organizationIds(), "a unit's organization is not admitted whole");
        assertEquals(List.of(UNIT), shared.units());
        assertTrue(SharedWith.NOBODY.isEmpty());
        assertFalse(shared.isEmpty());
    }

    @Test
    void sharingWithAnOrganizationOrUnitIsSaidToReachEveryAccountInIt() {
        String consequence = ": every account in it, now and later, may associate VPCs with the service network and"
                + " have the private CA issue certificates for any name, example.internal names too, which every"
                + " sidecar trusts; list the member accounts' ids to share with them alone";
        assertEquals(
                List.of(
                        "p:sharedWith names the organization " + ORGANIZATION + consequence,
                        "p:sharedWith names the organizational unit " + UNIT + consequence),
                SharedWith.of(List.of(MEMBER, UNIT, ORGANIZATION)).breadthWarnings("p:sharedWith", "example.internal"));
        assertEquals(List.of(), SharedWith.of(List.of(MEMBER)).breadthWarnings("p:sharedWith", "example.internal"));
    }

    @ParameterizedTest(name = "{0} serves {1}: {2}")
    @CsvSource({
        "210987654321, 210987654321, true",
        "210987654321, 555555555555, false",
        "arn:aws:organizations::111111111111:organization/o-abcdefghij, 555555555555, true",
        "arn:aws:organizations::111111111111:ou/o-klmnopqrst/ou-ab12-cdefghij, 555555555555, true"
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
        var accounts = new ClusterAccounts(
                Map.of("cluster2", MEMBER, "cluster3", ENVIRONMENT), Set.of("cluster1", "cluster2", "cluster3"));
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

    @Test
    void aMemberJoinsOnlyOnceTheEnvironmentServesItInItsAccount() {
        var served = Map.of("cluster2", MEMBER, "cluster3", "333333333333");
        assertEquals(
                Optional.empty(),
                ClusterAccounts.unservedProblem(
                        "cluster1", ENVIRONMENT, ENVIRONMENT, Map.of(), "key", "Pulumi.cluster1.yaml"),
                "a cluster of the environment's own account needs no share");
        assertEquals(
                Optional.empty(), ClusterAccounts.unservedProblem("cluster2", MEMBER, ENVIRONMENT, served, "key", "f"));
        assertEquals(
                Optional.of("stack cluster2 runs in account 333333333333, which the environment (123456789012) does not"
                        + " serve yet: name the account (or its organization) in the environment's key and run"
                        + " `pulumi up` on the environment, which reads accountId from f, before this stack"),
                ClusterAccounts.unservedProblem("cluster2", "333333333333", ENVIRONMENT, served, "key", "f"),
                "served in another account");
        assertTrue(
                ClusterAccounts.unservedProblem("cluster2", MEMBER, ENVIRONMENT, Map.of(), "key", "f")
                        .isPresent(),
                "an environment that serves nobody");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "none",
            value = {
                "a served member,                   210987654321, cluster3, none",
                "its own account,                   123456789012, cluster3, 'key=[123456789012]: names 123456789012, the environment''s own account, which owns what it shares; remove it'",
                "a member of an account not named,  555555555555, cluster3, 'key=[555555555555]: expected it to name account 210987654321, where cluster stack cluster2 runs (its accountId), or its organization; otherwise that cluster cannot join the service network'",
                "a member whose names another's end with, 210987654321, team-cluster2, 'cluster stacks cluster2 and team-cluster2: the ExternalDNS of cluster2 (account 210987654321) may write only records named *-cluster2.example.io, and the names of team-cluster2 match that too; rename one of the stacks'"
            })
    void theEnvironmentSharesOnlyWhatItCanServe(String why, String sharedWith, String otherCluster, String problem) {
        assertEquals(
                Optional.ofNullable(problem),
                EnvironmentSharing.problem(
                        "key",
                        SharedWith.of(List.of(sharedWith)),
                        ENVIRONMENT,
                        Map.of("cluster2", MEMBER),
                        Set.of("cluster1", "cluster2", otherCluster),
                        "example.io"),
                why);
    }

    /** One entry of each kind is valid on its own, makes the share non-empty and is one of its principals. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "210987654321",
        "arn:aws:organizations::111111111111:organization/o-abcdefghij",
        "arn:aws-cn:organizations::111111111111:ou/o-klmnopqrst/ou-ab12-cdefghij"
    })
    void eachKindOfEntryAloneIsAShare(String entry) {
        assertEquals(Optional.empty(), SharedWith.problem(entry));
        var shared = SharedWith.of(List.of(entry));
        assertFalse(shared.isEmpty());
        assertEquals(List.of(entry), shared.principals());
        assertEquals(
                Optional.of("expected a 12-digit AWS account id, an organization ARN"
                        + " (arn:aws:organizations::<account>:organization/o-...) or an OU ARN"
                        + " (arn:aws:organizations::<account>:ou/o-.../ou-...)"),
                SharedWith.problem("x" + entry));
    }

    @Test
    void anOrganizationThatIsNoOrganizationArnIsNamedWhenItsIdIsAskedFor() {
        var shared = new SharedWith(List.of(), List.of("o-abcdefghij"), List.of());
        var error =
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, shared::organizationIds);
        assertEquals("o-abcdefghij", error.getMessage());
    }

    @Test
    void aClustersAccountIsTheOneItsFileNamesAsLastGiven() {
        var accounts = new ClusterAccounts(Map.of("cluster2", MEMBER), Set.of("cluster1", "cluster2"));
        assertEquals(Optional.of(MEMBER), accounts.configured("cluster2"));
        assertEquals(Optional.empty(), accounts.configured("cluster1"));
        var moved = accounts.with("cluster1", Optional.of("555555555555"));
        assertEquals(Optional.of("555555555555"), moved.configured("cluster1"));
        assertEquals(Optional.of(MEMBER), moved.configured("cluster2"));
        var back = moved.with("cluster2", Optional.empty());
        assertEquals(Optional.empty(), back.configured("cluster2"));
        assertEquals(Set.of("cluster1", "cluster2"), back.clusters());
        assertEquals(
                Set.of("cluster1", "cluster2", "cluster3"),
                back.with("cluster3", Optional.empty()).clusters());
    }
}
