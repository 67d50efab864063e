package io.vpclattice.multicluster.kubernetes;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigV4SidecarTest {
    private static final SigV4Sidecar SIDECAR = new SigV4Sidecar(
            "proxy:1",
            "iptables:1",
            "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/ca",
            "eu-west-1",
            "example.internal");

    private static Map<String, Object> podWith(Map<String, Object> container) {
        return map("containers", list(container));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> initContainers(Map<String, Object> spec) {
        return (List<Map<String, Object>>) spec.get("initContainers");
    }

    @Test
    void anyWorkloadGetsTheRedirectThenTheProxyAsANativeSidecar() {
        var worker = map("name", "worker", "image", "batch:2", "securityContext", map("runAsGroup", 2000));
        var spec = SIDECAR.addTo(
                map("initContainers", list(map("name", "migrate", "image", "db:1")), "containers", list(worker)));
        var init = initContainers(spec);
        assertEquals(
                List.of("iptables-init", "envoy-sigv4", "migrate"),
                init.stream().map(c -> c.get("name")).toList());
        assertEquals(List.of(worker), spec.get("containers"), "the workload's own containers are untouched");
        var proxy = init.get(1);
        assertEquals("Always", proxy.get("restartPolicy"));
        assertEquals(
                map("runAsGroup", 0, "allowPrivilegeEscalation", false, "capabilities", map("drop", list("ALL"))),
                proxy.get("securityContext"),
                "group 0 is what the redirect exempts; nothing else is granted");
        assertEquals(Map.of("port", 8080), ((Map<?, ?>) proxy.get("startupProbe")).get("tcpSocket"));
        assertEquals(
                List.of(
                        map(
                                "name",
                                "CA_ARN",
                                "value",
                                "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/ca"),
                        map("name", "AWS_REGION", "value", "eu-west-1"),
                        map("name", "APP_DOMAIN", "value", "example.internal")),
                proxy.get("env"));
        assertEquals(
                map(
                        "runAsUser",
                        0,
                        "allowPrivilegeEscalation",
                        false,
                        "capabilities",
                        map("add", list("NET_ADMIN", "NET_RAW"), "drop", list("ALL"))),
                init.get(0).get("securityContext"),
                "iptables needs NET_ADMIN and its raw socket, nothing more");
    }

    @Test
    void redirectSendsLatticeTrafficToTheProxyExceptTheProxysOwn() {
        var script = SigV4Sidecar.redirectScript();
        assertTrue(script.contains("-A OUTPUT -p tcp -d 169.254.171.0/24 -j EGRESS_PROXY"));
        assertTrue(script.contains("-m owner --gid-owner 0 -j RETURN"));
        assertTrue(
                script.indexOf("--gid-owner 0 -j RETURN") < script.indexOf("REDIRECT --to-ports 8080"),
                "the exemption must come before the redirect or envoy would loop");
    }

    @Test
    void podLevelGroupCounts() {
        var spec =
                SIDECAR.addTo(map("securityContext", map("runAsGroup", 3000), "containers", list(map("name", "app"))));
        assertEquals(3, initContainers(spec).size() + 1);
    }

    @Test
    void refusesContainersWhoseTrafficWouldSkipTheProxy() {
        var root = assertThrows(
                IllegalArgumentException.class,
                () -> SIDECAR.addTo(podWith(map("name", "app", "securityContext", map("runAsGroup", 0)))));
        assertTrue(root.getMessage()
                .startsWith("container app must set securityContext.runAsGroup to a group other than 0"));
        assertThrows(IllegalArgumentException.class, () -> SIDECAR.addTo(podWith(map("name", "app"))));
    }

    @Test
    void refusesCollisionsWithTheProxy() {
        var port = assertThrows(
                IllegalArgumentException.class,
                () -> SIDECAR.addTo(podWith(map(
                        "name",
                        "app",
                        "securityContext",
                        map("runAsGroup", 1),
                        "ports",
                        list(map("containerPort", 8080))))));
        assertEquals("container app listens on 8080, the SigV4 proxy's port", port.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> SIDECAR.addTo(podWith(map("name", "envoy-sigv4", "securityContext", map("runAsGroup", 1)))));
    }
}
