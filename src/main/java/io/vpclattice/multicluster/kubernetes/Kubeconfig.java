package io.vpclattice.multicluster.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vpclattice.multicluster.Mappers;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * A kubeconfig for an EKS cluster that gets short-lived tokens from {@code aws eks get-token}, so it holds no
 * credential itself (it is still exported as a secret: it names the endpoint and CA).
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    public static String render(String eksCluster, String endpoint, String certificateAuthorityData, String region) {
        var config = map(
                "apiVersion", "v1",
                "kind", "Config",
                "clusters", list(map("name", eksCluster, "cluster", map(
                        "server", endpoint,
                        "certificate-authority-data", certificateAuthorityData))),
                "contexts", list(map("name", eksCluster, "context", map("cluster", eksCluster, "user", eksCluster))),
                "current-context", eksCluster,
                "users", list(map("name", eksCluster, "user", map("exec", map(
                        "apiVersion", "client.authentication.k8s.io/v1beta1",
                        "command", "aws",
                        "args", list("--region", region, "eks", "get-token", "--cluster-name", eksCluster, "--output", "json"),
                        "interactiveMode", "Never")))));
        try {
            return Mappers.JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
