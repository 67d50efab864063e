package io.vpclattice.multicluster.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * Adds SigV4 signing to any pod that calls VPC Lattice services, by composing the pod spec at definition time
 * (no admission webhook, so no pod can start without it).
 *
 * <p>Call path: the app calls {@code http://<service>.<domain>/}; the name resolves to a Lattice address in
 * 169.254.171.0/24; the {@value #INIT_CONTAINER} rules redirect that TCP traffic to envoy on port
 * {@value #PROXY_PORT}, except traffic from group 0, which is envoy's own; envoy signs the request with the pod's
 * EKS Pod Identity credentials (service {@code vpc-lattice-svcs}) and sends it over TLS to the Lattice HTTPS
 * listener, trusting the private CA whose certificate it downloads at start ({@code CA_ARN}).
 *
 * @param region the region the proxy signs for; Lattice is regional, so it is the stack's region
 */
public record SigV4Sidecar(
        String proxyImage, String iptablesImage, String certificateAuthorityArn, String region, String domain) {

    public static final String INIT_CONTAINER = "iptables-init";
    public static final String CONTAINER = "envoy-sigv4";
    public static final int PROXY_PORT = 8080;
    /** Envoy runs with this group; the redirect skips it, so only the app's traffic goes through the proxy. */
    public static final int PROXY_GROUP = 0;
    /** Where VPC Lattice service addresses live inside an associated VPC. */
    public static final String LATTICE_LINK_LOCAL = "169.254.171.0/24";

    /** The redirect, as in the original pattern: Lattice-bound TCP from any group but envoy's goes to envoy. */
    public static String redirectScript() {
        return String.join(
                "\n",
                "iptables -t nat -N EGRESS_PROXY",
                "iptables -t nat -A OUTPUT -p tcp -d " + LATTICE_LINK_LOCAL + " -j EGRESS_PROXY",
                "iptables -t nat -A EGRESS_PROXY -m owner --gid-owner " + PROXY_GROUP + " -j RETURN",
                "iptables -t nat -A EGRESS_PROXY -p tcp -j REDIRECT --to-ports " + PROXY_PORT,
                "iptables -t nat -L -n -v");
    }

    /**
     * A copy of {@code podSpec} with the redirect and the proxy as init containers ahead of any it has. The proxy is
     * a native sidecar ({@code restartPolicy: Always}): its startup probe holds the app back until envoy listens,
     * and it outlives the app on shutdown, so no call of the app ever leaves unsigned or finds no proxy.
     *
     * @throws IllegalArgumentException if a container could bypass or collide with the proxy: every container
     *                                  must run with a group other than {@value #PROXY_GROUP}, and none may use
     *                                  the proxy's name or port
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> addTo(Map<String, Object> podSpec) {
        var containers = (List<Map<String, Object>>) podSpec.getOrDefault("containers", List.of());
        var podSecurity = (Map<String, Object>) podSpec.getOrDefault("securityContext", Map.of());
        for (var container : containers) {
            checkContainer(container, podSecurity);
        }
        var spec = new LinkedHashMap<>(podSpec);
        var initContainers = new ArrayList<Object>(containers());
        initContainers.addAll((List<Object>) podSpec.getOrDefault("initContainers", List.of()));
        spec.put("initContainers", initContainers);
        return Tree.freeze(spec);
    }

    /**
     * The two init containers, in order: the redirect, then the proxy. {@link #addTo} puts them ahead of a pod's own;
     * the admission policy for pods this program does not make ({@link SidecarInjection}) adds exactly these.
     */
    public List<Map<String, Object>> containers() {
        return List.of(redirectContainer(), proxyContainer());
    }

    /**
     * iptables needs NET_ADMIN to change the pod's NAT table and NET_RAW for the raw socket it talks to the kernel
     * through; it runs as root (the table belongs to root) and keeps no other capability.
     */
    private Map<String, Object> redirectContainer() {
        return map(
                "name",
                INIT_CONTAINER,
                "image",
                iptablesImage,
                "command",
                list("/bin/sh", "-c", redirectScript()),
                "resources",
                map("requests", map("cpu", "10m", "memory", "16Mi"), "limits", map("memory", "64Mi")),
                "securityContext",
                map(
                        "runAsUser",
                        0,
                        "allowPrivilegeEscalation",
                        false,
                        "capabilities",
                        map("add", list("NET_ADMIN", "NET_RAW"), "drop", list("ALL"))));
    }

    private Map<String, Object> proxyContainer() {
        return map(
                "name", CONTAINER,
                "image", proxyImage,
                "restartPolicy", "Always",
                "env",
                        list(
                                map("name", "CA_ARN", "value", certificateAuthorityArn),
                                map("name", "AWS_REGION", "value", region),
                                map("name", "APP_DOMAIN", "value", domain)),
                "ports", list(map("name", "proxy", "containerPort", PROXY_PORT, "protocol", "TCP")),
                "startupProbe",
                        map(
                                "tcpSocket", map("port", PROXY_PORT),
                                "periodSeconds", 2,
                                "failureThreshold", 60),
                // At start the AWS CLI downloads the CA certificate; envoy itself needs little.
                "resources", map("requests", map("cpu", "50m", "memory", "64Mi"), "limits", map("memory", "256Mi")),
                // Group 0 is what the redirect exempts. The launch script writes the CA into the system trust
                // store, which root owns, so the image's default (root) user is kept, with no capability: writing
                // files root owns needs none, and the proxy listens above 1024.
                "securityContext",
                        map(
                                "runAsGroup",
                                PROXY_GROUP,
                                "allowPrivilegeEscalation",
                                false,
                                "capabilities",
                                map("drop", list("ALL"))));
    }

    @SuppressWarnings("unchecked")
    private static void checkContainer(Map<String, Object> container, Map<String, Object> podSecurity) {
        String name = String.valueOf(container.get("name"));
        if (CONTAINER.equals(name) || INIT_CONTAINER.equals(name)) {
            throw new IllegalArgumentException("container name " + name + " is reserved for the SigV4 sidecar");
        }
        var security = (Map<String, Object>) container.getOrDefault("securityContext", Map.of());
        Object group = security.getOrDefault("runAsGroup", podSecurity.get("runAsGroup"));
        if (!(group instanceof Number number) || number.longValue() == PROXY_GROUP) {
            throw new IllegalArgumentException("container " + name + " must set securityContext.runAsGroup to a group"
                    + " other than " + PROXY_GROUP + ": traffic from group " + PROXY_GROUP
                    + " skips the SigV4 proxy and reaches Lattice unsigned");
        }
        for (var port : (List<Map<String, Object>>) container.getOrDefault("ports", List.of())) {
            if (port.get("containerPort") instanceof Number p && p.intValue() == PROXY_PORT) {
                throw new IllegalArgumentException(
                        "container " + name + " listens on " + PROXY_PORT + ", the SigV4 proxy's port");
            }
        }
    }
}
