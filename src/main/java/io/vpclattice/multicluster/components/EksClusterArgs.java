package io.vpclattice.multicluster.components;

import io.vpclattice.multicluster.eks.ClusterAccess;
import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;

import java.util.List;
import java.util.Map;

/**
 * What the EKS cluster component is made of, in its three parts: control plane, managed nodes and add-ons.
 *
 * @param addonVersions pinned add-on versions by add-on name; others keep the version EKS chose at creation
 * @param access        who administers the cluster, and the role the kubeconfig assumes
 */
public record EksClusterArgs(
        ControlPlane controlPlane,
        ManagedNodes nodes,
        Map<String, String> addonVersions,
        ClusterVpc.PrivateSubnets subnets,
        ClusterAccess access,
        Tags tags) {
    public EksClusterArgs {
        addonVersions = Map.copyOf(addonVersions);
    }

    /**
     * @param cluster  the cluster's short name; the EKS cluster is {@link Names#eksCluster} of it
     * @param logTypes control-plane log types sent to CloudWatch
     */
    public record ControlPlane(
            String cluster,
            AccountRegion location,
            String kubernetesVersion,
            String roleName,
            List<String> publicAccessCidrs,
            List<String> logTypes) {
        public ControlPlane {
            publicAccessCidrs = List.copyOf(publicAccessCidrs);
            logTypes = List.copyOf(logTypes);
        }

        public String eksClusterName() {
            return Names.eksCluster(cluster);
        }
    }

    public record ManagedNodes(String roleName, String instanceType, int minSize, int desiredSize, int maxSize) {}
}
