package io.vpclattice.multicluster.kubernetes;

import io.vpclattice.multicluster.naming.Names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * A workload published through VPC Lattice: a Deployment whose pods carry the SigV4 sidecar and run as their own
 * service account, a Service, an HTTPRoute on the cluster's Gateway and the IAMAuthPolicy of its Lattice service.
 * The seed's demo ({@link #demo}) and every configured service ({@link #service}) are made from this one definition.
 *
 * @param name                deployment, container, Service and service account
 * @param containerPort       the port the app listens on; the Service answers on {@value #SERVICE_PORT}
 * @param environment         the app container's environment variables, in order
 * @param route               the HTTPRoute, named after the workload and its cluster
 * @param hostname            the route's hostname, which ExternalDNS publishes
 * @param latticeServiceName  the Lattice service's name when set explicitly (the controller's own would truncate)
 * @param security            the app container's security context
 * @param resources           the app container's requests and limits
 */
public record Workload(
        String name,
        String namespace,
        String image,
        int containerPort,
        int replicas,
        Map<String, String> environment,
        String route,
        String hostname,
        Optional<String> latticeServiceName,
        Map<String, Object> security,
        Map<String, Object> resources) {

    /** Where the demo runs, and where a configured service runs by default. */
    public static final String DEMO_NAMESPACE = "apps";

    public static final int DEMO_PORT = 8090;
    public static final int SERVICE_PORT = 80;
    /** Any group but the proxy's: the app's Lattice calls must go through the SigV4 sidecar. */
    public static final int APP_GROUP = 1000;

    public static final int APP_USER = 1000;
    /** The controller reads the Lattice service's name from this annotation of the route, at creation only. */
    public static final String SERVICE_NAME_OVERRIDE = "application-networking.k8s.aws/service-name-override";

    public Workload {
        environment = Tree.freeze(new LinkedHashMap<>(environment));
        security = Tree.freeze(security);
        resources = Tree.freeze(resources);
    }

    /**
     * The seed README's demo: Deployment and container {@code demo-<cluster>-v1} answering
     * {@code Hello from demo-<cluster>-v1}, published as {@code demo-<cluster>.<domain>}. Its server runs as user and
     * group 1000 with no capability, no way to gain privileges and a read-only root filesystem.
     */
    public static Workload demo(String cluster, String image, String domain) {
        String name = Names.demoApp(cluster);
        return new Workload(
                name,
                DEMO_NAMESPACE,
                image,
                DEMO_PORT,
                1,
                Map.of("PodName", "Hello from " + name),
                Names.demoRoute(cluster),
                Names.demoHostname(cluster, domain),
                Optional.empty(),
                map(
                        "runAsUser",
                        APP_USER,
                        "runAsGroup",
                        APP_GROUP,
                        "runAsNonRoot",
                        true,
                        "allowPrivilegeEscalation",
                        false,
                        "readOnlyRootFilesystem",
                        true,
                        "capabilities",
                        map("drop", list("ALL"))),
                map("requests", map("cpu", "50m", "memory", "64Mi"), "limits", map("memory", "128Mi")));
    }

    /**
     * A configured service, published as {@code <name>-<cluster>.<domain>}. Its image is the user's: it runs with the
     * group the sidecar needs (any but the proxy's) and cannot gain privileges; its user is the image's own.
     */
    public static Workload service(
            String name, String cluster, String namespace, String image, int port, int replicas, String domain) {
        String route = Names.serviceRoute(name, cluster);
        return new Workload(
                name,
                namespace,
                image,
                port,
                replicas,
                Map.of(),
                route,
                Names.serviceHostname(name, cluster, domain),
                Optional.of(Names.latticeServiceName(route, namespace)),
                map("runAsGroup", APP_GROUP, "allowPrivilegeEscalation", false),
                // What the user's image needs is unknown: a request for scheduling, no limit that could kill it.
                map("requests", map("cpu", "50m", "memory", "64Mi")));
    }

    public String authPolicyName() {
        return Names.authPolicy(route);
    }

    private Map<String, String> labels() {
        return Map.of("app", name);
    }

    /**
     * The identity its pods run as. No API token is mounted: the app and the sidecar call AWS with the Pod Identity
     * credentials, which the EKS webhook mounts itself, and never the Kubernetes API.
     */
    public Manifest serviceAccount() {
        return new Manifest(
                ApiKind.SERVICE_ACCOUNT,
                map("name", name, "namespace", namespace, "labels", labels()),
                map("automountServiceAccountToken", false));
    }

    public Manifest deployment(SigV4Sidecar sidecar) {
        var env = new ArrayList<Object>();
        environment.forEach((key, value) -> env.add(map("name", key, "value", value)));
        var app = map(
                "name",
                name,
                "image",
                image,
                "env",
                env.isEmpty() ? null : List.copyOf(env),
                "ports",
                list(map("name", "http", "containerPort", containerPort, "protocol", "TCP")),
                "securityContext",
                security,
                "resources",
                resources,
                // Somewhere to write when the root filesystem is read-only.
                "volumeMounts",
                list(map("name", "tmp", "mountPath", "/tmp")),
                // Lets Lattice drain the target before the server stops.
                "lifecycle",
                map("preStop", map("sleep", map("seconds", 10))));
        var podSpec = map(
                "serviceAccountName",
                name,
                "automountServiceAccountToken",
                false,
                "terminationGracePeriodSeconds",
                30,
                "volumes",
                list(map("name", "tmp", "emptyDir", map("sizeLimit", "64Mi"))),
                "containers",
                list(app));
        return new Manifest(
                ApiKind.DEPLOYMENT,
                map("name", name, "namespace", namespace, "labels", labels()),
                map(
                        "spec",
                        map(
                                "replicas", replicas,
                                "selector", map("matchLabels", labels()),
                                "template",
                                        map(
                                                "metadata", map("labels", labels()),
                                                "spec", sidecar.addTo(podSpec)))));
    }

    public Manifest service() {
        return new Manifest(
                ApiKind.SERVICE,
                map("name", name, "namespace", namespace, "labels", labels()),
                map(
                        "spec",
                        map(
                                "type", "ClusterIP",
                                "selector", labels(),
                                "ports",
                                        list(map(
                                                "name",
                                                "http",
                                                "port",
                                                SERVICE_PORT,
                                                "targetPort",
                                                containerPort,
                                                "protocol",
                                                "TCP")))));
    }

    /** The route on every listener of the Gateway, with the Lattice service's name where it is set explicitly. */
    public Manifest route(String gatewayName, List<String> listeners) {
        var manifest =
                GatewayApiManifests.httpRoute(route, namespace, hostname, gatewayName, listeners, name, SERVICE_PORT);
        if (latticeServiceName.isEmpty()) {
            return manifest;
        }
        var metadata = new LinkedHashMap<>(manifest.metadata());
        metadata.put("annotations", map(SERVICE_NAME_OVERRIDE, latticeServiceName.get()));
        return new Manifest(manifest.type(), metadata, manifest.body());
    }

    public Manifest authPolicy(String policyJson) {
        return GatewayApiManifests.iamAuthPolicy(authPolicyName(), namespace, route, policyJson);
    }
}
