package io.vpclattice.multicluster.kubernetes;

import io.vpclattice.multicluster.naming.Names;

import java.util.Map;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * The demo HTTP server of a cluster, named as the seed README's validation commands expect:
 * Deployment and container {@code demo-<cluster>-v1}, answering {@code Hello from demo-<cluster>-v1}.
 */
public final class DemoWorkload {
    private DemoWorkload() {}

    public static final String NAMESPACE = "apps";
    public static final int APP_PORT = 8090;
    public static final int SERVICE_PORT = 80;
    /** Any group but the proxy's: the app's Lattice calls must go through the SigV4 sidecar. */
    public static final int APP_GROUP = 1000;

    public static final int APP_USER = 1000;

    public static Manifest deployment(String cluster, String image, SigV4Sidecar sidecar) {
        String name = Names.demoApp(cluster);
        var labels = Map.of("app", name);
        var app = map(
                "name", name,
                "image", image,
                "env", list(map("name", "PodName", "value", "Hello from " + name)),
                "ports", list(map("name", "http", "containerPort", APP_PORT, "protocol", "TCP")),
                "securityContext",
                        map(
                                "runAsUser",
                                APP_USER,
                                "runAsGroup",
                                APP_GROUP,
                                "runAsNonRoot",
                                true,
                                "allowPrivilegeEscalation",
                                false),
                // Lets Lattice drain the target before the server stops.
                "lifecycle", map("preStop", map("sleep", map("seconds", 10))));
        var podSpec =
                map("serviceAccountName", "default", "terminationGracePeriodSeconds", 30, "containers", list(app));
        return new Manifest(
                ApiKind.DEPLOYMENT,
                map("name", name, "namespace", NAMESPACE, "labels", labels),
                map(
                        "spec",
                        map(
                                "replicas", 1,
                                "selector", map("matchLabels", labels),
                                "template",
                                        map(
                                                "metadata", map("labels", labels),
                                                "spec", sidecar.addTo(podSpec)))));
    }

    public static Manifest service(String cluster) {
        String name = Names.demoApp(cluster);
        return new Manifest(
                ApiKind.SERVICE,
                map("name", name, "namespace", NAMESPACE, "labels", Map.of("app", name)),
                map(
                        "spec",
                        map(
                                "type", "ClusterIP",
                                "selector", Map.of("app", name),
                                "ports",
                                        list(map(
                                                "name",
                                                "http",
                                                "port",
                                                SERVICE_PORT,
                                                "targetPort",
                                                APP_PORT,
                                                "protocol",
                                                "TCP")))));
    }
}
