package io.vpclattice.multicluster.accounts;

import io.vpclattice.multicluster.naming.Names;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the environment checks before it shares anything, once it knows its own account: whom {@code sharedWith}
 * names, and whether every cluster of another account is served and owns DNS names no other cluster has.
 */
public final class EnvironmentSharing {
    private EnvironmentSharing() {}

    /**
     * @param key      the qualified {@code sharedWith} key, for the message
     * @param members  clusters outside the environment's account, with their accounts
     * @param clusters every cluster stack of the project
     */
    public static Optional<String> problem(
            String key,
            SharedWith sharedWith,
            String environmentAccount,
            Map<String, String> members,
            Collection<String> clusters,
            String domain) {
        if (sharedWith.accounts().contains(environmentAccount)) {
            return Optional.of(key + "=" + sharedWith.principals() + ": names " + environmentAccount
                    + ", the environment's own account, which owns what it shares; remove it");
        }
        for (var member : members.entrySet()) {
            String cluster = member.getKey();
            if (!sharedWith.mayServe(member.getValue())) {
                return Optional.of(
                        key + "=" + sharedWith.principals() + ": expected it to name account "
                                + member.getValue() + ", where cluster stack " + cluster
                                + " runs (its accountId), or its organization; otherwise that cluster cannot join the service network");
            }
            var clash = Names.recordNameClash(cluster, clusters);
            if (clash.isPresent()) {
                return Optional.of(
                        "cluster stacks " + cluster + " and " + clash.get() + ": the ExternalDNS of " + cluster
                                + " (account " + member.getValue() + ") may write only records named "
                                + Names.ownedRecordNames(cluster, domain) + ", and the names of " + clash.get()
                                + " match that too; rename one of the stacks");
            }
        }
        return Optional.empty();
    }
}
