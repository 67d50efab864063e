package io.vpclattice.multicluster.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ManifestsTest {

    @Test
    void typeTokensFollowTheKubernetesProvider() {
        assertEquals("kubernetes:core/v1:Namespace", ApiKind.NAMESPACE.pulumiType());
        assertEquals("kubernetes:apps/v1:Deployment", ApiKind.DEPLOYMENT.pulumiType());
        assertEquals("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", ApiKind.HTTP_ROUTE.pulumiType());
        assertEquals(
                "kubernetes:application-networking.k8s.aws/v1alpha1:IAMAuthPolicy",
                ApiKind.IAM_AUTH_POLICY.pulumiType());
        assertEquals("gateway.networking.k8s.io", ApiKind.GATEWAY.group());
        assertEquals("", ApiKind.SERVICE.group());
    }

    @Test
    void demoServiceMapsPort80ToTheApp() {
        var service = Workload.demo("cluster7", "image:1", "example.internal").service();
        assertEquals("demo-cluster7-v1", service.name());
        assertEquals("apps", service.namespace());
        assertEquals(
                List.of(Map.of("name", "http", "port", 80, "targetPort", 8090, "protocol", "TCP")),
                service.spec().get("ports"));
        assertEquals(Map.of("app", "demo-cluster7-v1"), service.spec().get("selector"));
    }

    @Test
    void gatewayWithoutHttpListenerStillTerminatesTls() {
        var gateway = GatewayApiManifests.gateway("mesh", "arn:aws:acm:eu-west-1:1:certificate/x", false);
        var listeners = (List<?>) gateway.spec().get("listeners");
        assertEquals(1, listeners.size());
        assertEquals("HTTPS", ((Map<?, ?>) listeners.get(0)).get("protocol"));
        assertEquals(List.of(443), GatewayApiManifests.listenerPorts(false));
    }

    @Test
    void manifestsAreImmutableAndNamed() {
        var namespace = GatewayApiManifests.namespace("apps", Map.of());
        assertThrows(
                UnsupportedOperationException.class, () -> namespace.metadata().put("x", "y"));
        assertThrows(NullPointerException.class, () -> new Manifest(ApiKind.NAMESPACE, Map.of(), Map.of()));
        assertEquals(
                Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "apps")), namespace.toMap());
    }

    @Test
    void clustersSharingAZoneNeverShareAnOwnerIdOrPrefix() {
        var one = HelmCharts.externalDnsValues(
                "example.internal", "eks-cluster1", "eu-west-1", java.util.Optional.empty());
        var two = HelmCharts.externalDnsValues(
                "example.internal", "eks-cluster2", "eu-west-1", java.util.Optional.empty());
        assertNotEquals(one.get("txtOwnerId"), two.get("txtOwnerId"));
        assertNotEquals(one.get("txtPrefix"), two.get("txtPrefix"));
        assertEquals("sync", one.get("policy"));
        assertEquals(true, one.get("triggerLoopOnEvent"), "records follow their route within seconds, not an interval");
    }

    @Test
    void controllerValuesNeverNameADefaultServiceNetwork() {
        var values = HelmCharts.gatewayControllerValues("eks-a", "vpc-1", "eu-west-1", "123456789012");
        assertFalse(values.containsKey("defaultServiceNetwork"));
        assertEquals(Map.of("create", true, "name", "gateway-api-controller"), values.get("serviceAccount"));
    }

    @Test
    void drainIsAOneReplicaDeploymentWhosePodOutlivesOneExternalDnsInterval() {
        var drain = HelmCharts.dnsDrainDeployment();
        assertEquals(ApiKind.DEPLOYMENT, drain.type());
        assertEquals("external-dns", drain.namespace());
        var spec = drain.spec();
        assertEquals(1, spec.get("replicas"));
        var pod = (Map<?, ?>) ((Map<?, ?>) spec.get("template")).get("spec");
        assertEquals(90, pod.get("terminationGracePeriodSeconds"));
        assertEquals(
                Map.of("sleep", Map.of("seconds", 75)),
                ((Map<?, ?>) ((Map<?, ?>) ((List<?>) pod.get("containers")).get(0)).get("lifecycle")).get("preStop"));
        assertEquals(
                ((Map<?, ?>) spec.get("selector")).get("matchLabels"),
                ((Map<?, ?>) ((Map<?, ?>) spec.get("template")).get("metadata")).get("labels"));
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "none",
            value = {
                "none, none, '[\"--region\",\"eu-west-1\",\"eks\",\"get-token\",\"--cluster-name\",\"eks-cluster1\",\"--output\",\"json\"]'",
                "none, arn:aws:iam::123456789012:role/eks-admin, '[\"--region\",\"eu-west-1\",\"eks\",\"get-token\",\"--cluster-name\",\"eks-cluster1\",\"--output\",\"json\",\"--role-arn\",\"arn:aws:iam::123456789012:role/eks-admin\"]'",
                "member, none, '[\"--profile\",\"member\",\"--region\",\"eu-west-1\",\"eks\",\"get-token\",\"--cluster-name\",\"eks-cluster1\",\"--output\",\"json\"]'"
            })
    void kubeconfigGetsTokensFromTheAwsCliAsTheAdminRoleWithTheStacksProfile(String profile, String role, String args)
            throws Exception {
        JsonNode config = Mappers.JSON.readTree(Kubeconfig.render(
                "eks-cluster1",
                "https://api",
                "Q0E=",
                "eu-west-1",
                java.util.Optional.ofNullable(profile),
                java.util.Optional.ofNullable(role)));
        assertEquals("https://api", config.at("/clusters/0/cluster/server").asText());
        assertEquals(
                "Q0E=",
                config.at("/clusters/0/cluster/certificate-authority-data").asText());
        assertEquals("eks-cluster1", config.get("current-context").asText());
        JsonNode exec = config.at("/users/0/user/exec");
        assertEquals("aws", exec.get("command").asText());
        assertEquals(args, exec.get("args").toString());
        assertEquals(
                "client.authentication.k8s.io/v1beta1", exec.get("apiVersion").asText());
        assertFalse(config.toString().contains("token\":"), "no credential in the kubeconfig");
    }
}
