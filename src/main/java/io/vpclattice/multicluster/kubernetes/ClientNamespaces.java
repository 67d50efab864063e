package io.vpclattice.multicluster.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * The objects of a client namespace: one whose pods call Lattice services through the SigV4 sidecar, as the program's
 * own workloads or as workloads deployed from outside it with the sidecar label.
 */
public final class ClientNamespaces {
    private ClientNamespaces() {}

    /** The service account that Pod Identity gives the client role, for workloads the program does not make. */
    public static final String SERVICE_ACCOUNT = SidecarInjection.CLIENT_SERVICE_ACCOUNT;

    /**
     * Pod Security Admission: the sidecar's redirect needs NET_ADMIN and NET_RAW, which only the privileged level
     * allows (https://kubernetes.io/docs/concepts/security/pod-security-standards/, "Capabilities"); audits and
     * warnings still report everything the restricted level would refuse.
     */
    public static final Map<String, String> POD_SECURITY = Map.of(
            "pod-security.kubernetes.io/enforce", "privileged",
            "pod-security.kubernetes.io/audit", "restricted",
            "pod-security.kubernetes.io/warn", "restricted");

    /** Routes may attach to the Gateway from it, and the sidecar policy serves its labelled pods. */
    public static Manifest namespace(String name) {
        var labels = new LinkedHashMap<String, String>();
        labels.putAll(GatewayApiManifests.ROUTE_NAMESPACE_LABEL);
        labels.put(SidecarInjection.CLIENT_NAMESPACE_LABEL, "true");
        labels.putAll(new java.util.TreeMap<>(POD_SECURITY));
        return new Manifest(ApiKind.NAMESPACE, map("name", name, "labels", labels), map());
    }

    /** Its pods use Pod Identity credentials, never the Kubernetes API, so no API token is mounted. */
    public static Manifest serviceAccount(String namespace) {
        return new Manifest(
                ApiKind.SERVICE_ACCOUNT,
                map("name", SERVICE_ACCOUNT, "namespace", namespace),
                map("automountServiceAccountToken", false));
    }
}
