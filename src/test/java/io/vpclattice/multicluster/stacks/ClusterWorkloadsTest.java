package io.vpclattice.multicluster.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.offlineplan.OfflinePlanner;
import io.vpclattice.multicluster.offlineplan.PlanMocks;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.pulumicli.ProjectFiles;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.PolicyJson.statements;
import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.dependsOn;
import static io.vpclattice.multicluster.testing.StackHarness.named;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;
import static io.vpclattice.multicluster.testing.StackHarness.only;
import static io.vpclattice.multicluster.testing.StackHarness.reaches;
import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What runs inside each cluster, and the order it is created and destroyed in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterWorkloadsTest {
    private static final String CRD = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
    private static final String ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
    private static final String AUTH_POLICY = "kubernetes:application-networking.k8s.aws/v1alpha1:IAMAuthPolicy";
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";

    private StackPlan plan;
    private StackPlan environment;

    @BeforeAll
    void planCluster2() {
        environment = succeeded(StackHarness.environment(Map.of()));
        plan = succeeded(StackHarness.cluster("cluster2", Map.of()));
    }

    private PlannedResource controller() {
        return named(plan, RELEASE, "gateway-api-controller");
    }

    private PlannedResource externalDns() {
        return named(plan, RELEASE, "external-dns");
    }

    @Test
    void gatewayApiStandardCrdsComeBeforeTheController() {
        var crds = ofType(plan, CRD);
        assertEquals(
                List.of(
                        "backendtlspolicies",
                        "gatewayclasses",
                        "gateways",
                        "grpcroutes",
                        "httproutes",
                        "listenersets",
                        "referencegrants",
                        "tlsroutes"),
                crds.stream()
                        .map(c -> (String) at(c, "metadata.name"))
                        .map(n -> n.split("\\.", -1)[0])
                        .sorted()
                        .toList());
        crds.forEach(crd -> {
            assertTrue(dependsOn(controller(), crd), "controller after " + crd.name());
            assertEquals(
                    "v1.5.1",
                    ((Map<?, ?>) at(crd, "metadata.annotations")).get("gateway.networking.k8s.io/bundle-version"));
        });
    }

    @Test
    void controllerIsThePinnedOciChartWithoutADefaultServiceNetwork() {
        var release = controller();
        assertEquals(
                "oci://public.ecr.aws/aws-application-networking-k8s/aws-gateway-controller-chart",
                at(release, "chart"));
        assertEquals("v2.1.3", at(release, "version"));
        assertEquals("aws-application-networking-system", at(release, "namespace"));
        var values = (Map<?, ?>) at(release, "values");
        assertEquals("eks-cluster2", values.get("clusterName"));
        assertEquals(plan.outputs().get("vpcId"), values.get("clusterVpcId"));
        assertEquals("eu-west-1", values.get("awsRegion"));
        assertEquals(PlanMocks.ACCOUNT, values.get("awsAccountId"));
        assertEquals(true, values.get("installExternalDNSCRD"));
        assertFalse(values.containsKey("defaultServiceNetwork"), "the stacks own the network and its VPC associations");
        var podIdentity = named(
                plan,
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "gateway-api-controller-role-association");
        assertTrue(dependsOn(release, podIdentity), "credentials must be associated before the pods start");
        assertTrue(dependsOn(release, named(plan, "aws:eks/addon:Addon", "eks-eks-pod-identity-agent")));
        assertTrue(dependsOn(release, named(plan, "aws:eks/addon:Addon", "eks-coredns")));
    }

    @Test
    void controllerRoleHasTheRecommendedPolicy() {
        var policy = named(plan, "aws:iam/rolePolicy:RolePolicy", "gateway-api-controller-role-permissions");
        var statements = statements(at(policy, "policy"));
        assertEquals(3, statements.size());
        JsonNode manage = statements.stream()
                .filter(s -> s.get("Sid").asText().equals("ManageLattice"))
                .findFirst()
                .orElseThrow();
        assertTrue(manage.get("Action").toString().contains("vpc-lattice:*"));
        assertTrue(manage.get("Action").toString().contains("acm:ListCertificates"));
    }

    @Test
    void externalDnsPublishesOnlyDnsEndpointsIntoPrivateZonesUnderItsOwnerId() {
        var release = externalDns();
        assertEquals("external-dns", at(release, "chart"));
        assertEquals("1.21.1", at(release, "version"));
        assertEquals("https://kubernetes-sigs.github.io/external-dns/", at(release, "repositoryOpts.repo"));
        var values = (Map<?, ?>) at(release, "values");
        assertEquals(List.of("crd"), values.get("sources"));
        assertEquals(List.of("vpc-lattice-octank.io"), values.get("domainFilters"));
        assertEquals("sync", values.get("policy"));
        assertEquals("eks-cluster2", values.get("txtOwnerId"));
        assertEquals("eks-cluster2-", values.get("txtPrefix"));
        assertEquals(Map.of("aws-zone-type", "private"), values.get("extraArgs"));
        assertTrue(dependsOn(release, controller()), "the controller's chart installs the DNSEndpoint CRD");
    }

    @Test
    void gatewayIsNamedAfterTheServiceNetworkAndTerminatesTlsWithTheEnvironmentsCertificate() {
        var gateway = only(plan, GATEWAY);
        assertEquals("lattice-gateway", at(gateway, "metadata.name"));
        assertEquals("lattice-gateway", at(gateway, "metadata.namespace"));
        assertEquals("amazon-vpc-lattice", at(gateway, "spec.gatewayClassName"));
        var listeners = (List<?>) at(gateway, "spec.listeners");
        assertEquals(2, listeners.size());
        assertEquals(80L, at(gateway, "spec.listeners.0.port"));
        assertEquals("HTTPS", at(gateway, "spec.listeners.1.protocol"));
        assertEquals("Terminate", at(gateway, "spec.listeners.1.tls.mode"));
        assertEquals(
                environment.outputs().get("certificateArn"),
                ((Map<?, ?>) at(gateway, "spec.listeners.1.tls.options"))
                        .get("application-networking.k8s.aws/certificate-arn"));
        for (int i = 0; i < 2; i++) {
            assertEquals("Selector", at(gateway, "spec.listeners." + i + ".allowedRoutes.namespaces.from"));
            assertEquals(
                    Map.of("allow-attachment-to-infra-gw", "true"),
                    at(gateway, "spec.listeners." + i + ".allowedRoutes.namespaces.selector.matchLabels"));
        }
        assertEquals(
                "application-networking.k8s.aws/gateway-api-controller",
                at(only(plan, "kubernetes:gateway.networking.k8s.io/v1:GatewayClass"), "spec.controllerName"));
        assertTrue(dependsOn(
                gateway, only(plan, "aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation")));
    }

    @Test
    void appsIsAClientNamespaceAndTheDemoRunsAsItsOwnServiceAccountWithTheClientRole() {
        var namespace = named(plan, "kubernetes:core/v1:Namespace", "client-apps-namespace");
        assertEquals(
                Map.of(
                        "allow-attachment-to-infra-gw",
                        "true",
                        "vpc-lattice-multicluster/client",
                        "true",
                        "pod-security.kubernetes.io/enforce",
                        "privileged",
                        "pod-security.kubernetes.io/audit",
                        "restricted",
                        "pod-security.kubernetes.io/warn",
                        "restricted"),
                at(namespace, "metadata.labels"));
        assertEquals(
                List.of(
                        "urn:pulumi:cluster2::vpc-lattice-multicluster::multicluster:app:DemoService$kubernetes:core/v1:Namespace::demo-namespace"),
                namespace.aliases(),
                "existing stacks keep the namespace the demo made");
        var podIdentity = named(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "demo-pod-identity");
        assertEquals("apps", at(podIdentity, "namespace"));
        assertEquals("demo-cluster2-v1", at(podIdentity, "serviceAccount"), "its own, not every pod's default");
        assertEquals(environment.outputs().get("clientRoleArn"), at(podIdentity, "roleArn"));
        var deployment = named(plan, DEPLOYMENT, "demo-deployment");
        assertEquals("demo-cluster2-v1", at(deployment, "spec.template.spec.serviceAccountName"));
        assertEquals(false, at(deployment, "spec.template.spec.automountServiceAccountToken"));
        assertTrue(dependsOn(deployment, podIdentity), "pods get credentials only if associated before they start");
        var outsiders =
                named(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "client-apps-pod-identity");
        assertEquals("sigv4-client", at(outsiders, "serviceAccount"), "labelled workloads from outside run as it");
        assertEquals(environment.outputs().get("clientRoleArn"), at(outsiders, "roleArn"));
    }

    @Test
    void demoDeploymentCarriesTheNamesTheSeedValidationUses() {
        var deployment = named(plan, DEPLOYMENT, "demo-deployment");
        assertEquals("demo-cluster2-v1", at(deployment, "metadata.name"));
        assertEquals("demo-cluster2-v1", at(deployment, "spec.template.spec.containers.0.name"));
        assertEquals(
                List.of(Map.of("name", "PodName", "value", "Hello from demo-cluster2-v1")),
                at(deployment, "spec.template.spec.containers.0.env"));
        var initContainers = (List<?>) at(deployment, "spec.template.spec.initContainers");
        assertEquals(
                List.of("iptables-init", "envoy-sigv4"),
                initContainers.stream().map(c -> ((Map<?, ?>) c).get("name")).toList());
        assertEquals(
                environment.outputs().get("certificateAuthorityArn"),
                at(deployment, "spec.template.spec.initContainers.1.env.0.value"));
        var service = named(plan, "kubernetes:core/v1:Service", "demo-service");
        assertEquals(80L, at(service, "spec.ports.0.port"));
        assertEquals(8090L, at(service, "spec.ports.0.targetPort"));
    }

    /** validate.sh and destroy.sh read these outputs instead of rebuilding the names: they must be the objects'. */
    @Test
    void outputsNameTheObjectsTheScriptsAddress() {
        var deployment = named(plan, DEPLOYMENT, "demo-deployment");
        var policy = only(plan, AUTH_POLICY);
        var outputs = plan.outputs();
        assertEquals(at(deployment, "metadata.namespace"), outputs.get("demoNamespace"));
        assertEquals(at(deployment, "metadata.name"), outputs.get("demoDeployment"));
        assertEquals(at(deployment, "spec.template.spec.containers.0.name"), outputs.get("demoContainer"));
        assertEquals(at(policy, "metadata.name"), outputs.get("demoAuthPolicy"));
        assertEquals(at(policy, "metadata.namespace"), outputs.get("demoNamespace"));
        assertEquals(((List<?>) at(only(plan, ROUTE), "spec.hostnames")).get(0), outputs.get("demoHostname"));
        // `aws eks update-kubeconfig --alias <alias>` names the context it adds <alias>.
        var command = List.of(((String) outputs.get("configureKubectl")).split(" "));
        assertEquals(command.get(command.indexOf("--alias") + 1), outputs.get("kubeContext"));
        assertEquals("eks-cluster2", outputs.get("kubeContext"));
    }

    @Test
    void routePublishesTheDemoOnBothListenersUnderItsHostname() {
        var route = only(plan, ROUTE);
        assertEquals("demo-cluster2", at(route, "metadata.name"));
        assertEquals(List.of("demo-cluster2.vpc-lattice-octank.io"), at(route, "spec.hostnames"));
        var sections = ((List<?>) at(route, "spec.parentRefs"))
                .stream().map(p -> ((Map<?, ?>) p).get("sectionName")).toList();
        assertEquals(List.of("http-listener", "https-listener-with-custom-domain"), sections);
        assertEquals("demo-cluster2-v1", at(route, "spec.rules.0.backendRefs.0.name"));
        assertEquals(80L, at(route, "spec.rules.0.backendRefs.0.port"));
    }

    @Test
    void authPolicyAdmitsOnlyTheOtherClustersApps() {
        var policy = only(plan, AUTH_POLICY);
        assertEquals("demo-cluster2-iam-auth-policy", at(policy, "metadata.name"));
        assertEquals(
                Map.of(
                        "group",
                        "gateway.networking.k8s.io",
                        "kind",
                        "HTTPRoute",
                        "name",
                        "demo-cluster2",
                        "namespace",
                        "apps"),
                at(policy, "spec.targetRef"));
        var statements = statements(at(policy, "spec.policy"));
        assertEquals(1, statements.size());
        JsonNode equals = statements.get(0).get("Condition").get("StringEquals");
        assertEquals(
                "eks-cluster1", equals.get("aws:PrincipalTag/eks-cluster-name").asText());
        assertEquals("apps", equals.get("aws:PrincipalTag/kubernetes-namespace").asText());
        assertEquals(at(policy, "spec.policy"), plan.outputs().get("authPolicy"), "the effective rules are exported");
    }

    /**
     * Pulumi deletes in reverse dependency order. The auth policy and route must go while the controller and
     * ExternalDNS still run (they remove the Lattice service and the DNS records), then the controllers, then
     * the CRDs, nodes and cluster.
     */
    @Test
    void destroyOrderLetsControllersCleanUpBeforeTheyGo() {
        var route = only(plan, ROUTE);
        var policy = only(plan, AUTH_POLICY);
        var drain = named(plan, DEPLOYMENT, "external-dns-drain");
        var gateway = only(plan, GATEWAY);
        var nodes = only(plan, "aws:eks/nodeGroup:NodeGroup");
        assertTrue(dependsOn(policy, route));
        assertTrue(dependsOn(route, controller()));
        assertTrue(dependsOn(route, drain), "ExternalDNS outlives the route by the drain");
        assertTrue(dependsOn(drain, externalDns()));
        assertTrue(dependsOn(route, gateway));
        assertTrue(dependsOn(gateway, controller()), "the controller finalises the Gateway");
        assertTrue(reaches(plan, externalDns(), controller()));
        assertTrue(reaches(plan, controller(), nodes), "controllers are removed before the nodes they run on");
        ofType(plan, CRD).forEach(crd -> assertTrue(reaches(plan, route, crd)));
        assertEquals(1L, at(drain, "spec.replicas"), "a Deployment brings its pod back after a node rotation");
        assertEquals(
                List.of(Map.of("sleep", Map.of("seconds", 75L))),
                List.of(at(drain, "spec.template.spec.containers.0.lifecycle.preStop")));
    }

    @Test
    void aThirdClusterNeedsOnlyItsSettingsFile(@TempDir Path directory) {
        Path project = StackHarness.copyProject(
                directory,
                Map.of(
                        "cluster3",
                        "config:\n  vpc-lattice-multicluster:allowedCallers:\n    - cluster1/apps\n    - cluster2/apps\n"));
        var cluster3 = succeeded(StackHarness.cluster(project, "cluster3", Map.of()));
        assertEquals("10.0.0.0/16", at(only(cluster3, "aws:ec2/vpc:Vpc"), "cidrBlock"));
        var clusters = statements(at(only(cluster3, AUTH_POLICY), "spec.policy")).stream()
                .map(s -> s.get("Condition")
                        .get("StringEquals")
                        .get("aws:PrincipalTag/eks-cluster-name")
                        .asText())
                .collect(Collectors.toSet());
        assertEquals(java.util.Set.of("eks-cluster1", "eks-cluster2"), clusters);
        assertEquals("demo-cluster3.vpc-lattice-octank.io", cluster3.outputs().get("demoHostname"));
        var callingCluster3 =
                succeeded(StackHarness.cluster(project, "cluster1", Map.of("allowedCallers", "[\"cluster3/apps\"]")));
        assertEquals(List.of("cluster3/apps"), callingCluster3.outputs().get("allowedCallers"));
    }

    @Test
    void noCallersMeansEveryoneIsDenied() {
        var closed = succeeded(StackHarness.cluster("cluster2", Map.of("allowedCallers", "[]")));
        var statements = statements(at(only(closed, AUTH_POLICY), "spec.policy"));
        assertEquals(1, statements.size());
        assertEquals("Deny", statements.get(0).get("Effect").asText());
    }

    @Test
    void droppingTheHttpListenerLeavesOnlyTls() {
        var tlsOnly = succeeded(StackHarness.cluster("cluster2", Map.of("httpListener", "false")));
        assertEquals(1, ((List<?>) at(only(tlsOnly, GATEWAY), "spec.listeners")).size());
        assertEquals(
                List.of(Map.of(
                        "name",
                        "lattice-gateway",
                        "namespace",
                        "lattice-gateway",
                        "sectionName",
                        "https-listener-with-custom-domain")),
                at(only(tlsOnly, ROUTE), "spec.parentRefs"));
        assertEquals(
                1,
                ofType(tlsOnly, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                        .filter(r -> dependsOn(r, only(tlsOnly, "aws:ec2/securityGroup:SecurityGroup")))
                        .count(),
                "the association's security group admits 443 only");
    }

    @Test
    void aCrdFileThatDiffersFromItsPinStopsTheRunWithOneLine(@TempDir Path crds) throws IOException {
        Files.writeString(crds.resolve("gateway.networking.k8s.io_gateways.yaml"), "kind: Tampered\n");
        var config = ProjectFiles.read(StackHarness.PROJECT).stackConfig("cluster1");
        var tampered = new OfflinePlanner(StackHarness.PROJECT, CrdStore.offline(Optional.of(crds)))
                .plan(
                        StackHarness.PROJECT_NAME,
                        "cluster1",
                        config,
                        Map.of(
                                Names.stackReference(
                                        OfflinePlanner.ORGANIZATION, StackHarness.PROJECT_NAME, "environment"),
                                environment.outputs()));
        String error = tampered.error().orElseThrow();
        assertTrue(
                error.startsWith("Gateway API v1.5.1 CRDs: " + crds.resolve("gateway.networking.k8s.io_gateways.yaml")
                        + " has SHA-256 "),
                error);
        assertTrue(error.contains("expected 7416e8300eb4d8c0a71a23445609075bbacbe8bc80104584b019cfe1ebe77c31"), error);
        assertEquals(List.of(), tampered.resources(), "nothing is registered before the CRDs are checked");
    }

    @Test
    void aClusterInAnotherRegionThanTheEnvironmentIsRefused() {
        var elsewhere = StackHarness.cluster("cluster2", Map.of("aws:region", "us-west-2"));
        assertEquals(
                "stack cluster2 uses aws:region=us-west-2 but the environment is in eu-west-1: VPC Lattice is "
                        + "regional; set aws:region to eu-west-1",
                elsewhere.error().orElseThrow());
        assertEquals(List.of(), elsewhere.resources(), "read before the first resource: nothing is half-created");
    }
}
