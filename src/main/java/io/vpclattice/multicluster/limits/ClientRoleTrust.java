package io.vpclattice.multicluster.limits;

import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the namespaces of {@code clientNamespaces} fit the trust policy of a SigV4 client role, and how to spread
 * them over several roles when they do not. The trust policy names every namespace in one condition with a list
 * ({@link Policies#podIdentityTrust}), which costs a namespace its length and three characters; IAM's 2,048 characters
 * ({@link IamLimits#TRUST_POLICY_MAX}) are still reached by some tens of long names.
 *
 * <p>Sizes are those of the policy {@link Policies#podIdentityTrust} writes, measured, not estimated. An account id
 * always has 12 digits, so the size does not depend on which account; {@link #ANY_ACCOUNT} stands for it.
 */
public final class ClientRoleTrust {
    private ClientRoleTrust() {}

    /** Stands for the role's account, whose id is not known offline: every account id has 12 digits. */
    public static final String ANY_ACCOUNT = "123456789012";

    /**
     * The size of the client role's trust policy.
     *
     * @param eksCluster the cluster a member account's role is pinned to ({@code eks-<cluster>}), or {@code null} for
     *     the environment's role, which any cluster of its account may use
     */
    public static int size(List<String> namespaces, String eksCluster) {
        return Policies.podIdentityTrust(ANY_ACCOUNT, namespaces, eksCluster, null)
                .length();
    }

    /** How many of {@code namespaces}, from the first, fit one role's trust policy. */
    public static int fitting(List<String> namespaces, String eksCluster) {
        int count = 0;
        while (count < namespaces.size()
                && size(namespaces.subList(0, count + 1), eksCluster) <= IamLimits.TRUST_POLICY_MAX) {
            count++;
        }
        return count;
    }

    /**
     * Why one role cannot take all of {@code namespaces}, with the numbers, if it cannot.
     *
     * @param role the role's name, for the message
     */
    public static Optional<String> problem(String role, List<String> namespaces, String eksCluster) {
        int size = size(namespaces, eksCluster);
        if (size <= IamLimits.TRUST_POLICY_MAX) {
            return Optional.empty();
        }
        return Optional.of(namespaces.size() + " namespaces make the trust policy of role " + role + " "
                + IamLimits.count(size) + " characters; IAM allows " + IamLimits.count(IamLimits.TRUST_POLICY_MAX)
                + " (IAM quotas: role trust policy length): the first " + fitting(namespaces, eksCluster)
                + " fit; list fewer namespaces or shorter names");
    }

    /**
     * The namespaces in groups, in their order, each group as many as fit one role's trust policy: one role per group
     * keeps every trust policy within IAM's limit however many namespaces there are.
     *
     * @throws IllegalArgumentException if a namespace alone does not fit, which a Kubernetes namespace name (at most 63
     *     characters) never does
     */
    public static List<List<String>> groups(List<String> namespaces, String eksCluster) {
        var groups = new ArrayList<List<String>>();
        var group = new ArrayList<String>();
        for (String namespace : namespaces) {
            var grown = new ArrayList<String>(group);
            grown.add(namespace);
            if (!group.isEmpty() && size(grown, eksCluster) > IamLimits.TRUST_POLICY_MAX) {
                groups.add(List.copyOf(group));
                grown = new ArrayList<>(List.of(namespace));
            }
            if (size(grown, eksCluster) > IamLimits.TRUST_POLICY_MAX) {
                throw new IllegalArgumentException("namespace " + namespace + " alone does not fit a trust policy of "
                        + IamLimits.TRUST_POLICY_MAX + " characters");
            }
            group = grown;
        }
        if (!group.isEmpty()) {
            groups.add(List.copyOf(group));
        }
        return List.copyOf(groups);
    }
}
