package io.vpclattice.multicluster.stacks;

import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.policies.Policies;

import java.util.Optional;

/**
 * Where a cluster stands towards the environment, and what follows from it, decided in one place. A cluster in the
 * environment's account (at home) uses what the environment made; a member of another account joins through what
 * the environment shares with it and makes its own account-bound parts.
 *
 * @param location          the cluster's account and region
 * @param member            whether the cluster runs in another account than the environment
 * @param serviceNetwork    how the VPC association names the service network: by id at home, by ARN across
 *                          accounts (AWS requires the ARN there)
 * @param dnsProfileId      the Route 53 Profile that carries the private zone to a member's VPC
 * @param dnsWriterRoleArn  the environment's role through which a member's ExternalDNS writes its records
 */
public record ClusterPlacement(
        AccountRegion location,
        boolean member,
        String serviceNetwork,
        Optional<String> dnsProfileId,
        Optional<String> dnsWriterRoleArn) {

    public static ClusterPlacement decide(
            AccountRegion location, EnvironmentOutputs environment, String environmentName, String cluster) {
        boolean member = !location.account().equals(environment.account());
        if (!member) {
            return new ClusterPlacement(
                    location, false, environment.serviceNetworkId(), Optional.empty(), Optional.empty());
        }
        return new ClusterPlacement(
                location,
                true,
                environment.serviceNetworkArn(),
                Optional.of(environment.dnsProfileId()),
                Optional.of(Policies.roleArn(
                        location.partition(), environment.account(), Names.dnsWriterRole(environmentName, cluster))));
    }

    /**
     * A listener with another account's certificate is not documented, so a member requests its own from the
     * shared CA; at home the environment's certificate serves.
     */
    public boolean ownsCertificate() {
        return member;
    }

    /** Pod Identity takes a role of the cluster's own account: a member has its own SigV4 client role. */
    public boolean ownsClientRole() {
        return member;
    }
}
