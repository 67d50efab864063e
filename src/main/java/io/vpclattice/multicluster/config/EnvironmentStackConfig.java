package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.accounts.SharedWith;

import java.util.List;
import java.util.Optional;

/**
 * Configuration of the environment stack.
 *
 * @param domain                          private domain of the services (default {@code vpc-lattice-octank.io})
 * @param organization                    O of the root CA subject (default {@code octank})
 * @param serviceNetworkName              VPC Lattice service network name (default {@code lattice-gateway})
 * @param clientNamespaces                namespaces allowed to assume the SigV4 client role (default {@code [apps]})
 * @param existingCertificateAuthorityArn reuse this Private CA instead of creating one
 * @param caDeletionWindowDays            restore window of a destroyed CA, 7 to 30 days (default 7)
 * @param sharedWith                      the other accounts, organization or units that run cluster stacks
 * @param accessLogRetentionDays          how long the service network's access logs are kept
 * @param flowLogRetentionDays            how long the flow logs of the zone's placeholder VPC are kept
 */
public record EnvironmentStackConfig(
        Common common,
        String domain,
        String organization,
        String serviceNetworkName,
        List<String> clientNamespaces,
        Optional<String> existingCertificateAuthorityArn,
        int caDeletionWindowDays,
        SharedWith sharedWith,
        int accessLogRetentionDays,
        int flowLogRetentionDays)
        implements StackConfig {
    public EnvironmentStackConfig {
        clientNamespaces = List.copyOf(clientNamespaces);
    }
}
