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
 * @param gatewayName       the name of the cluster's Gateway, and of the parent of its routes: the controller finds
 *                          the service network by it. It is the network's name, at home and for members alike; see
 *                          {@link #gatewayName(EnvironmentOutputs)} for why not its id.
 */
public record ClusterPlacement(
        AccountRegion location,
        boolean member,
        String serviceNetwork,
        Optional<String> dnsProfileId,
        Optional<String> dnsWriterRoleArn,
        String gatewayName) {

    public static ClusterPlacement decide(
            AccountRegion location, EnvironmentOutputs environment, String environmentName, String cluster) {
        boolean member = !location.account().equals(environment.account());
        if (!member) {
            return new ClusterPlacement(
                    location,
                    false,
                    environment.serviceNetworkId(),
                    Optional.empty(),
                    Optional.empty(),
                    gatewayName(environment));
        }
        return new ClusterPlacement(
                location,
                true,
                environment.serviceNetworkArn(),
                Optional.of(environment.dnsProfileId()),
                Optional.of(Policies.roleArn(
                        location.partition(), environment.account(), Names.dnsWriterRole(environmentName, cluster))),
                gatewayName(environment));
    }

    /**
     * The Gateway carries the service network's name, for a member too, although a member's name lookup can fail:
     * the AWS Gateway API Controller v2.1.3 finds the network by the Gateway's name or id among the networks its
     * account lists, then among its VPC's associations ({@code FindServiceNetwork},
     * {@code pkg/aws/services/vpclattice.go}), and a member account that owns, or is shared, another network of
     * that name gets a name conflict ({@code Found multiple}) or, when shared networks are not listed, its own
     * network. A Gateway named after the network's id would be immune ({@code serviceNetworkMatch} matches ids; the
     * RAM e2e test {@code test/suites/integration/ram_share_test.go} programs such a Gateway), but the same
     * controller breaks every route of it after the first reconcile: the service's wanted networks are its routes'
     * Gateway names ({@code ServiceNetworkNames}, {@code pkg/gateway/model_build_lattice_service.go}), and
     * {@code associationsDiff} ({@code pkg/deploy/lattice/service_manager.go}) compares them with the
     * {@code ServiceNetworkName} of the service's existing associations. An id never equals a name, so each
     * reconcile of an existing service tries to create the association again, which VPC Lattice refuses (the
     * service and network are already associated: CreateServiceNetworkServiceAssociation), and the stack deployer
     * stops before the listeners and rules ({@code pkg/deploy/stack_deployer.go}); the first pass already ends
     * there, as the new association is not yet ACTIVE. Until the controller matches ids there, the network's name
     * must be unique among the networks a member account owns or is shared (README, clusters in other accounts).
     */
    static String gatewayName(EnvironmentOutputs environment) {
        return environment.serviceNetworkName();
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
