package io.vpclattice.multicluster.policies;

/**
 * A caller rule with the account its cluster runs in: the principal a service's auth policy names, so that
 * {@code cluster1/apps} of one account is never taken for a cluster of the same name in another.
 */
public record Caller(CallerRule rule, String account) {}
