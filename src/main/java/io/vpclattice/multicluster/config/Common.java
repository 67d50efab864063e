package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.eks.ProviderCredentials;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Partition;

/**
 * Settings every stack shares.
 *
 * @param organization     Pulumi organization: {@code organization} on self-managed backends, the org on Pulumi Cloud
 * @param project          Pulumi project name
 * @param stack            this stack's name; for a cluster stack, also the cluster's short name
 * @param region           {@code aws:region}; all stacks must use the environment's region (Lattice is regional)
 * @param environmentStack name of the environment stack
 * @param environmentName  prefix of account-wide names such as the client role
 * @param clusterAccounts  the account each cluster stack runs in, from the stack files
 * @param credentials      what the stack's AWS provider runs with, which its kubeconfig uses too
 * @param calls            who calls whom across the project's cluster stacks
 */
public record Common(
        String organization,
        String project,
        String stack,
        String region,
        String environmentStack,
        String environmentName,
        ClusterAccounts clusterAccounts,
        ProviderCredentials credentials,
        ProjectCalls calls) {

    /** The same, with {@code calls} as this stack reads them. */
    public Common withCalls(ProjectCalls calls) {
        return new Common(
                organization,
                project,
                stack,
                region,
                environmentStack,
                environmentName,
                clusterAccounts,
                credentials,
                calls);
    }

    public String partition() {
        return Partition.ofRegion(region);
    }

    public String environmentStackReference() {
        return Names.stackReference(organization, project, environmentStack);
    }
}
