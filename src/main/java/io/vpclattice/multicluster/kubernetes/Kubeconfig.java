package io.vpclattice.multicluster.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vpclattice.multicluster.Mappers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * A kubeconfig for an EKS cluster that gets short-lived tokens from {@code aws eks get-token}, so it holds no
 * credential itself (it is still exported as a secret: it names the endpoint and CA). When the cluster's admin is
 * a role, the token is the role's ({@code --role-arn}), whoever runs Pulumi or kubectl.
 */
public final class Kubeconfig {
    private Kubeconfig() {}

    /** The command that makes each token: who the Kubernetes API sees, shown in the offline plan. */
    public static List<String> tokenCommand(
            String eksCluster, String region, Optional<String> profile, Optional<String> assumeRoleArn) {
        var command = new ArrayList<String>(List.of("aws"));
        profile.ifPresent(name -> command.addAll(List.of("--profile", name)));
        command.addAll(
                List.of("--region", region, "eks", "get-token", "--cluster-name", eksCluster, "--output", "json"));
        assumeRoleArn.ifPresent(role -> command.addAll(List.of("--role-arn", role)));
        return List.copyOf(command);
    }

    public static String render(
            String eksCluster,
            String endpoint,
            String certificateAuthorityData,
            String region,
            Optional<String> profile,
            Optional<String> assumeRoleArn) {
        List<String> token = tokenCommand(eksCluster, region, profile, assumeRoleArn);
        var config = map(
                "apiVersion",
                "v1",
                "kind",
                "Config",
                "clusters",
                list(map(
                        "name",
                        eksCluster,
                        "cluster",
                        map(
                                "server", endpoint,
                                "certificate-authority-data", certificateAuthorityData))),
                "contexts",
                list(map("name", eksCluster, "context", map("cluster", eksCluster, "user", eksCluster))),
                "current-context",
                eksCluster,
                "users",
                list(map(
                        "name",
                        eksCluster,
                        "user",
                        map(
                                "exec",
                                map(
                                        "apiVersion",
                                        "client.authentication.k8s.io/v1beta1",
                                        "command",
                                        token.get(0),
                                        "args",
                                        token.subList(1, token.size()),
                                        "interactiveMode",
                                        "Never")))));
        try {
            return Mappers.JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
