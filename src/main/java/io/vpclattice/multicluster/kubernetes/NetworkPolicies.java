package io.vpclattice.multicluster.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * The network policy of each namespace the program runs pods in: everything not listed is refused, in and out (the
 * VPC CNI enforces it once its network policy agent is on). One policy per namespace selects all its pods, so it is
 * both the default deny and what each workload needs. Kubelet probes are always allowed by the VPC CNI's agent.
 * Sources: https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html; the addresses below are the
 * Lattice and Pod Identity ones the EKS and Lattice documentation give.
 */
public final class NetworkPolicies {
    private NetworkPolicies() {}

    public static final String NAME = "default-deny-and-allowed";
    /** Where VPC Lattice reaches targets from, and where service addresses live inside an associated VPC. */
    public static final String LATTICE = SigV4Sidecar.LATTICE_LINK_LOCAL;
    /** The EKS Pod Identity agent on every node: credentials come from it. */
    public static final String POD_IDENTITY_AGENT = "169.254.170.23/32";

    /**
     * A client namespace: its pods receive Lattice traffic (requests and health checks, from Lattice's range only),
     * and call Lattice services through the sidecar, the Pod Identity agent for credentials, the cluster's DNS, and
     * AWS APIs over HTTPS (the sidecar downloads the CA certificate from AWS Private CA). Add your own policies for
     * anything else your workloads need: policies add up.
     */
    public static Manifest clientNamespace(String namespace) {
        return policy(
                namespace,
                list(map("from", list(ipBlock(LATTICE)))),
                withCommonEgress(List.of(map("to", list(ipBlock(LATTICE))))));
    }

    /**
     * A controller's namespace: its pods call the Kubernetes API and AWS APIs over HTTPS, the Pod Identity agent and
     * the cluster's DNS; only their webhook ports are reachable, which only the VPC (the control plane's network
     * interfaces) can reach.
     *
     * @param ingressPorts ports other parties call: the admission webhooks the control plane calls
     */
    public static Manifest controllerNamespace(String namespace, List<Integer> ingressPorts) {
        var ingress = ingressPorts.isEmpty()
                ? List.<Object>of()
                : List.<Object>of(map(
                        "ports",
                        ingressPorts.stream()
                                .<Object>map(port -> map("protocol", "TCP", "port", port))
                                .toList()));
        return policy(namespace, ingress, withCommonEgress(List.of()));
    }

    private static List<Object> withCommonEgress(List<Object> extra) {
        var egress = new ArrayList<Object>(extra);
        // DNS by port: the cluster DNS is reached through its Service address, whatever pods serve it.
        egress.add(map("ports", list(map("protocol", "UDP", "port", 53), map("protocol", "TCP", "port", 53))));
        egress.add(map("to", list(ipBlock(POD_IDENTITY_AGENT)), "ports", list(map("protocol", "TCP", "port", 80))));
        // The Kubernetes API and AWS APIs have no fixed addresses outside the VPC: HTTPS anywhere.
        egress.add(map("to", list(ipBlock("0.0.0.0/0")), "ports", list(map("protocol", "TCP", "port", 443))));
        return List.copyOf(egress);
    }

    private static Map<String, Object> ipBlock(String cidr) {
        return map("ipBlock", map("cidr", cidr));
    }

    private static Manifest policy(String namespace, List<Object> ingress, List<Object> egress) {
        return new Manifest(
                ApiKind.NETWORK_POLICY,
                map("name", NAME, "namespace", namespace),
                map(
                        "spec",
                        map(
                                "podSelector",
                                map(),
                                "policyTypes",
                                list("Ingress", "Egress"),
                                "ingress",
                                ingress,
                                "egress",
                                egress)));
    }
}
