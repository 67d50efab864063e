package io.vpclattice.multicluster.eks;

import java.util.Optional;

/**
 * The credentials a stack's AWS provider uses, when its file names them: {@code aws:profile}, or the role of
 * {@code aws:assumeRole}. A cluster of another account runs with them, so its kubeconfig must get its tokens with
 * them too, or the cluster would see someone else.
 */
public record ProviderCredentials(Optional<String> profile, Optional<String> assumeRoleArn) {
    public static final ProviderCredentials DEFAULT = new ProviderCredentials(Optional.empty(), Optional.empty());
}
