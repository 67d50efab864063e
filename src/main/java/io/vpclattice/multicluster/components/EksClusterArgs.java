package io.vpclattice.multicluster.components;

import io.vpclattice.multicluster.eks.AddonPlan;
import io.vpclattice.multicluster.eks.ClusterAccess;
import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;

import java.util.List;

/**
 * What the EKS cluster component is made of, in its three parts: control plane, managed nodes and add-ons.
 *
 * @param addons the add-ons' versions and order, decided from what the cluster runs now
 * @param access who administers the cluster, and the role the kubeconfig assumes
 */
public record EksClusterArgs(
        ControlPlane controlPlane,
        ManagedNodes nodes,
        Addons addons,
        ClusterVpc.PrivateSubnets subnets,
        ClusterAccess access,
        Tags tags) {

    /**
     * @param cluster           the cluster's short name; the EKS cluster is {@link Names#eksCluster} of it
     * @param kubernetesVersion the control plane's version; nodes and add-ons follow it
     * @param logTypes          control-plane log types sent to CloudWatch
     */
    public record ControlPlane(
            String cluster,
            AccountRegion location,
            String kubernetesVersion,
            String roleName,
            Endpoint endpoint,
            List<String> logTypes) {
        public ControlPlane {
            logTypes = List.copyOf(logTypes);
        }

        public String eksClusterName() {
            return Names.eksCluster(cluster);
        }
    }

    /**
     * Where the Kubernetes API answers. The private endpoint is always on (nodes use it); the public one is a
     * trade-off: Pulumi's Kubernetes provider and kubectl talk to the API from wherever they run.
     *
     * @param publicAccess      a public endpoint too (Security Hub EKS.1 fails on any public endpoint)
     * @param publicAccessCidrs who may use the public endpoint
     * @param vpcCidr           the cluster VPC's range: without a public endpoint, it may reach the API on 443
     */
    public record Endpoint(boolean publicAccess, List<String> publicAccessCidrs, String vpcCidr) {
        public Endpoint {
            publicAccessCidrs = List.copyOf(publicAccessCidrs);
        }
    }

    /** @param instanceTypes in the order EKS tries them, of one architecture */
    public record ManagedNodes(String roleName, List<String> instanceTypes, int minSize, int desiredSize, int maxSize) {
        public ManagedNodes {
            instanceTypes = List.copyOf(instanceTypes);
        }
    }

    /**
     * @param plan        each add-on's version, and whether every add-on waits for the nodes
     * @param cniRoleName the IAM role of the VPC CNI's {@code aws-node} (EKS Pod Identity)
     */
    public record Addons(AddonPlan plan, String cniRoleName) {}
}
