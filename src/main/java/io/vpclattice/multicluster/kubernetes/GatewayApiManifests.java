package io.vpclattice.multicluster.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * The Gateway API and AWS Gateway API Controller objects of a cluster, at the API versions the pinned CRDs serve
 * (gateway.networking.k8s.io/v1, application-networking.k8s.aws/v1alpha1).
 */
public final class GatewayApiManifests {
    private GatewayApiManifests() {}

    public static final String GATEWAY_CLASS = "amazon-vpc-lattice";
    public static final String CONTROLLER_NAME = "application-networking.k8s.aws/gateway-api-controller";
    public static final String GATEWAY_NAMESPACE = "lattice-gateway";
    /** Controller v2 enforces {@code allowedRoutes}: only namespaces with this label may attach routes. */
    public static final Map<String, String> ROUTE_NAMESPACE_LABEL = Map.of("allow-attachment-to-infra-gw", "true");

    public static final String HTTP_LISTENER = "http-listener";
    public static final String HTTPS_LISTENER = "https-listener-with-custom-domain";
    public static final String CERTIFICATE_ARN_OPTION = "application-networking.k8s.aws/certificate-arn";

    public static Manifest namespace(String name, Map<String, String> labels) {
        return new Manifest(
                ApiKind.NAMESPACE, labels.isEmpty() ? map("name", name) : map("name", name, "labels", labels), map());
    }

    public static Manifest gatewayClass() {
        return new Manifest(
                ApiKind.GATEWAY_CLASS, map("name", GATEWAY_CLASS), map("spec", map("controllerName", CONTROLLER_NAME)));
    }

    /**
     * The Gateway the controller maps to the service network of the same name. HTTPS terminates on Lattice with
     * the environment's ACM certificate, given by ARN because the controller reads it from the listener options.
     */
    public static Manifest gateway(String serviceNetworkName, String certificateArn, boolean httpListener) {
        var allowedRoutes = map(
                "namespaces", map("from", "Selector", "selector", map("matchLabels", ROUTE_NAMESPACE_LABEL)),
                "kinds", list(map("group", ApiKind.HTTP_ROUTE.group(), "kind", ApiKind.HTTP_ROUTE.kind())));
        var listeners = new ArrayList<Object>();
        if (httpListener) {
            listeners.add(map("name", HTTP_LISTENER, "port", 80, "protocol", "HTTP", "allowedRoutes", allowedRoutes));
        }
        listeners.add(map(
                "name",
                HTTPS_LISTENER,
                "port",
                443,
                "protocol",
                "HTTPS",
                "tls",
                map("mode", "Terminate", "options", map(CERTIFICATE_ARN_OPTION, certificateArn)),
                "allowedRoutes",
                allowedRoutes));
        return new Manifest(
                ApiKind.GATEWAY,
                map("name", serviceNetworkName, "namespace", GATEWAY_NAMESPACE),
                map("spec", map("gatewayClassName", GATEWAY_CLASS, "listeners", listeners)));
    }

    /** Ports of the Gateway's listeners, which the VPC association's security group must admit. */
    public static List<Integer> listenerPorts(boolean httpListener) {
        return httpListener ? List.of(80, 443) : List.of(443);
    }

    /** Listener names a route attaches to, in the Gateway's order. */
    public static List<String> listenerNames(boolean httpListener) {
        return httpListener ? List.of(HTTP_LISTENER, HTTPS_LISTENER) : List.of(HTTPS_LISTENER);
    }

    /**
     * A route publishing {@code service:port} as {@code hostname} on every listener. The controller uses the first
     * hostname as the Lattice service's custom domain and asks ExternalDNS to point it at the service.
     */
    public static Manifest httpRoute(
            String name,
            String namespace,
            String hostname,
            String gatewayName,
            List<String> listeners,
            String service,
            int port) {
        var parentRefs = listeners.stream()
                .<Object>map(
                        listener -> map("name", gatewayName, "namespace", GATEWAY_NAMESPACE, "sectionName", listener))
                .toList();
        return new Manifest(
                ApiKind.HTTP_ROUTE,
                map("name", name, "namespace", namespace),
                map(
                        "spec",
                        map(
                                "parentRefs", parentRefs,
                                "hostnames", list(hostname),
                                "rules",
                                        list(map(
                                                "matches", list(map("path", map("type", "PathPrefix", "value", "/"))),
                                                "backendRefs",
                                                        list(map(
                                                                "name", service, "kind", "Service", "port", port)))))));
    }

    /** The auth policy of the Lattice service behind {@code route}; the controller sets its auth type to AWS_IAM. */
    public static Manifest iamAuthPolicy(String name, String namespace, String route, String policyJson) {
        return new Manifest(
                ApiKind.IAM_AUTH_POLICY,
                map("name", name, "namespace", namespace),
                map(
                        "spec",
                        map(
                                "targetRef",
                                map(
                                        "group",
                                        ApiKind.HTTP_ROUTE.group(),
                                        "kind",
                                        ApiKind.HTTP_ROUTE.kind(),
                                        "name",
                                        route,
                                        "namespace",
                                        namespace),
                                "policy",
                                policyJson)));
    }
}
