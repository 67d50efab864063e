package io.vpclattice.multicluster.policies;

import io.vpclattice.multicluster.naming.Names;

/**
 * One allowed caller of a cluster's service: pods of {@code namespace} in cluster stack {@code cluster}, as
 * identified by the EKS Pod Identity session tags {@code eks-cluster-name} and {@code kubernetes-namespace}.
 */
public record CallerRule(String cluster, String namespace) {

    public String eksClusterName() {
        return Names.eksCluster(cluster);
    }

    /** The config form, {@code <cluster>/<namespace>}. */
    @Override
    public String toString() {
        return cluster + "/" + namespace;
    }
}
