package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.network.Ipv4Cidr;
import io.vpclattice.multicluster.network.NatGateways;
import io.vpclattice.multicluster.policies.CallerRule;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of one cluster stack; the cluster's short name is the stack name. */
/**
 * @param services the services this cluster publishes; when empty, the demo runs instead, as in the original pattern
 */
public record ClusterStackConfig(
        Common common, Network network, Eks eks, Platform platform, Demo demo, List<ServiceConfig> services)
        implements StackConfig {

    public ClusterStackConfig {
        services = List.copyOf(services);
    }

    /** Whether the seed's demo runs: it does unless services are configured. */
    public boolean runsDemo() {
        return services.isEmpty();
    }

    public String cluster() {
        return common.stack();
    }

    /**
     * @param vpcCidr              VPC CIDR (default 10.0.0.0/16, the same for every cluster on purpose)
     * @param flowLogRetentionDays how long the VPC's flow logs are kept
     * @param interfaceEndpoints   whether the VPC gets the VPC endpoints nodes use
     */
    public record Network(
            Ipv4Cidr vpcCidr,
            int availabilityZoneCount,
            NatGateways natGateways,
            int flowLogRetentionDays,
            boolean interfaceEndpoints) {}

    /**
     * @param nodeInstanceTypes    the node group's instance types, in the order EKS tries them
     * @param clusterAdminArn      role or user given cluster-admin; empty means the identity that creates the cluster
     * @param endpointPublicAccess whether the Kubernetes API has a public endpoint besides the private one
     * @param addonVersions        pinned add-on versions by add-on name; others follow {@code kubernetesVersion}
     */
    public record Eks(
            String kubernetesVersion,
            List<String> nodeInstanceTypes,
            NodeScaling nodeScaling,
            Optional<String> clusterAdminArn,
            boolean endpointPublicAccess,
            List<String> endpointPublicAccessCidrs,
            List<String> controlPlaneLogTypes,
            Map<String, String> addonVersions) {
        public Eks {
            nodeInstanceTypes = List.copyOf(nodeInstanceTypes);
            endpointPublicAccessCidrs = List.copyOf(endpointPublicAccessCidrs);
            controlPlaneLogTypes = List.copyOf(controlPlaneLogTypes);
            addonVersions = Map.copyOf(addonVersions);
        }
    }

    public record NodeScaling(int min, int desired, int max) {}

    /** Versions of what runs in the cluster to serve Gateway API objects through Lattice. */
    public record Platform(
            String gatewayApiVersion,
            String gatewayControllerChartVersion,
            String externalDnsChartVersion,
            String kyvernoChartVersion,
            boolean httpListener) {}

    /** The demo service and who may call it. */
    public record Demo(String appImage, String sigv4ProxyImage, String iptablesImage, List<CallerRule> allowedCallers) {
        public Demo {
            allowedCallers = List.copyOf(allowedCallers);
        }
    }
}
