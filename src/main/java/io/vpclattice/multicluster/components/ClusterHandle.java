package io.vpclattice.multicluster.components;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Names;

import java.util.List;

/**
 * What the components that run in a cluster need of it; the EKS cluster component hands it on.
 *
 * @param cluster       the cluster's short name, which is its stack's name
 * @param clusterName   the EKS cluster's name as created: depending on it orders a resource after the cluster
 * @param podsCanRun    what pods need first: nodes, cluster DNS and the Pod Identity agent
 */
public record ClusterHandle(
        String cluster,
        Output<String> clusterName,
        AccountRegion location,
        Provider kubernetesProvider,
        List<Resource> podsCanRun) {

    public ClusterHandle {
        podsCanRun = List.copyOf(podsCanRun);
    }

    /** The EKS cluster's name as a plain value, for policies, descriptions and chart values. */
    public String eksClusterName() {
        return Names.eksCluster(cluster);
    }

    /** Options of a component whose Kubernetes objects go to this cluster. */
    public ComponentResourceOptions inCluster() {
        return ComponentResourceOptions.builder().providers(kubernetesProvider).build();
    }
}
