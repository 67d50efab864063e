package io.vpclattice.multicluster.accounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which account each cluster stack of the project runs in, as each stack's own file says ({@code accountId});
 * a cluster that names none runs in the environment's account. Every stack reads all the files, so a service's
 * auth policy can name its callers' accounts without a stack reference between clusters.
 *
 * @param named    the {@code accountId} of each cluster stack that names one
 * @param clusters every cluster stack of the project
 */
public record ClusterAccounts(Map<String, String> named, Set<String> clusters) {
    public static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public ClusterAccounts {
        named = Map.copyOf(named);
        clusters = Set.copyOf(clusters);
    }

    /** The account {@code cluster}'s file names, if any. */
    public Optional<String> configured(String cluster) {
        return Optional.ofNullable(named.get(cluster));
    }

    /** @return what is wrong with an {@code accountId} value, if anything */
    public static Optional<String> problem(String accountId) {
        return accountId.isEmpty() || ACCOUNT_ID.matcher(accountId).matches()
                ? Optional.empty()
                : Optional.of("expected a 12-digit AWS account id, or empty for the environment's account");
    }

    /** The same, with {@code cluster}'s account as given. */
    public ClusterAccounts with(String cluster, Optional<String> account) {
        var changed = new TreeMap<String, String>(named);
        changed.remove(cluster);
        account.ifPresent(a -> changed.put(cluster, a));
        var all = new TreeSet<String>(clusters);
        all.add(cluster);
        return new ClusterAccounts(changed, all);
    }

    /**
     * Why a cluster stack cannot run where its credentials are, if it cannot: its {@code accountId} (or, when
     * empty, the environment's account) must be the account of the credentials it runs with.
     *
     * @param key       the qualified {@code accountId} key, for the message
     * @param stackFile the stack's settings file, for the message
     */
    public static Optional<String> placementProblem(
            String key,
            Optional<String> configured,
            String credentialsAccount,
            String environmentAccount,
            String stackFile) {
        String expected = configured.orElse(environmentAccount);
        if (expected.equals(credentialsAccount)) {
            return Optional.empty();
        }
        if (configured.isPresent()) {
            return Optional.of(key + "=\"" + configured.get() + "\": the stack runs with credentials of account "
                    + credentialsAccount + "; set aws:profile or aws:assumeRole in " + stackFile + " to credentials of "
                    + configured.get());
        }
        return Optional.of(key + "=\"\": the stack runs with credentials of account " + credentialsAccount
                + " but the environment is in " + environmentAccount + "; set " + key + ": \"" + credentialsAccount
                + "\" in " + stackFile + " (and name it in the environment's sharedWith), or run with credentials of "
                + environmentAccount);
    }

    public String accountOf(String cluster, String environmentAccount) {
        return named.getOrDefault(cluster, environmentAccount);
    }

    /** Clusters outside the environment's account, by name, with their accounts. */
    public Map<String, String> members(String environmentAccount) {
        var members = new TreeMap<String, String>();
        named.forEach((cluster, account) -> {
            if (!account.equals(environmentAccount)) {
                members.put(cluster, account);
            }
        });
        return members;
    }

    /**
     * Why a cluster of another account than the environment's cannot join yet, if it cannot: the environment's
     * {@code servedClusters} output must name it in that account, which it does once deployed after the cluster's file
     * named the account.
     *
     * @param sharedWithKey the qualified {@code sharedWith} key, for the message
     */
    public static Optional<String> unservedProblem(
            String cluster,
            String account,
            String environmentAccount,
            Map<String, String> served,
            String sharedWithKey,
            String stackFile) {
        if (account.equals(environmentAccount) || account.equals(served.get(cluster))) {
            return Optional.empty();
        }
        return Optional.of("stack " + cluster + " runs in account " + account + ", which the environment ("
                + environmentAccount + ") does not serve yet: name the account (or its organization) in the"
                + " environment's " + sharedWithKey + " and run `pulumi up` on the environment, which reads"
                + " accountId from " + stackFile + ", before this stack");
    }

    /** Every account that runs a cluster or the environment, sorted. */
    public List<String> all(String environmentAccount) {
        var accounts = new TreeSet<String>();
        accounts.add(environmentAccount);
        accounts.addAll(named.values());
        return List.copyOf(accounts);
    }
}
