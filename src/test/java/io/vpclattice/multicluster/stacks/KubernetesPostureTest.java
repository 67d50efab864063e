package io.vpclattice.multicluster.stacks;

import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What runs in the clusters, held to the security sections of the Amazon EKS Best Practices Guide
 * (https://docs.aws.amazon.com/eks/latest/best-practices/security.html: IAM, pod security, network security), for
 * the fixtures' clusters with the demo and with configured services.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesPostureTest {
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    private static final String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private static final String ENFORCE = "pod-security.kubernetes.io/enforce";
    private List<StackPlan> clusters;

    @BeforeAll
    void plan() {
        Path services = StackHarness.fixtureProject("services");
        clusters = List.of(
                StackHarness.succeeded(StackHarness.cluster("cluster1", Map.of())),
                StackHarness.succeeded(StackHarness.cluster(services, "cluster1", Map.of())),
                StackHarness.succeeded(StackHarness.cluster(services, "cluster2", Map.of())));
    }

    Stream<StackPlan> clusters() {
        return clusters.stream();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(PlannedResource deployment) {
        var all = new ArrayList<Map<String, Object>>();
        for (String kind : List.of("initContainers", "containers")) {
            Object list = at(deployment, "spec.template.spec." + kind);
            if (list != null) {
                all.addAll((List<Map<String, Object>>) list);
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> node, String path) {
        Object value = node;
        for (String part : path.split("\\.", -1)) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = ((Map<String, Object>) map).get(part);
        }
        return value;
    }

    /**
     * The app container of a configured service: its image is the user's, so it keeps the image's user and
     * capabilities (nginx's master drops to its worker user) and gets no memory limit that could kill it.
     */
    private static boolean configuredApp(PlannedResource deployment, Map<String, Object> container) {
        return deployment.name().equals("service-" + container.get("name") + "-deployment");
    }

    /** Pod security: no escalation, capabilities dropped, requests on every container, pinned images. */
    @ParameterizedTest
    @MethodSource("clusters")
    void everyContainerOfTheProgramIsHardened(StackPlan plan) {
        var problems = new ArrayList<String>();
        for (PlannedResource deployment : ofType(plan, DEPLOYMENT)) {
            for (var container : containers(deployment)) {
                String where = deployment.name() + "/" + container.get("name") + ": ";
                if (!Boolean.FALSE.equals(path(container, "securityContext.allowPrivilegeEscalation"))) {
                    problems.add(where + "may escalate privileges");
                }
                Object dropped = path(container, "securityContext.capabilities.drop");
                if (!configuredApp(deployment, container)
                        && !(dropped instanceof List<?> list && list.contains("ALL"))) {
                    problems.add(where + "keeps the default capabilities");
                }
                if (path(container, "resources.requests.cpu") == null
                        || path(container, "resources.requests.memory") == null) {
                    problems.add(where + "has no CPU and memory requests");
                }
                String image = String.valueOf(container.get("image"));
                if (image.endsWith(":latest") || !(image.contains("@sha256:") || image.matches(".*:[^/]+$"))) {
                    problems.add(where + "image " + image + " is not pinned");
                }
            }
        }
        assertEquals(List.of(), problems, plan.stack());
    }

    /** The program's own workloads (not a configured service, whose image it does not know) have memory limits. */
    @ParameterizedTest
    @MethodSource("clusters")
    void theProgramsOwnContainersHaveMemoryLimits(StackPlan plan) {
        for (PlannedResource deployment : ofType(plan, DEPLOYMENT)) {
            for (var container : containers(deployment)) {
                if (!configuredApp(deployment, container)) {
                    assertTrue(
                            path(container, "resources.limits.memory") != null,
                            deployment.name() + "/" + container.get("name"));
                }
            }
        }
    }

    /** IAM: no pod borrows a role through a shared account, and no pod mounts an API token it does not use. */
    @ParameterizedTest
    @MethodSource("clusters")
    void everyIdentityIsAWorkloadsOwn(StackPlan plan) {
        for (PlannedResource association : ofType(plan, "aws:eks/podIdentityAssociation:PodIdentityAssociation")) {
            assertTrue(!"default".equals(at(association, "serviceAccount")), association.name());
        }
        for (PlannedResource deployment : ofType(plan, DEPLOYMENT)) {
            assertEquals(false, at(deployment, "spec.template.spec.automountServiceAccountToken"), deployment.name());
        }
        for (PlannedResource account : ofType(plan, "kubernetes:core/v1:ServiceAccount")) {
            assertEquals(false, at(account, "automountServiceAccountToken"), account.name());
        }
    }

    /** Network security and pod security admission: every namespace the program makes has both. */
    @ParameterizedTest
    @MethodSource("clusters")
    void everyNamespaceHasADefaultDenyPolicyAndAPodSecurityLevel(StackPlan plan) {
        var namespaces = new TreeSet<String>();
        for (PlannedResource namespace : ofType(plan, NAMESPACE)) {
            String name = (String) at(namespace, "metadata.name");
            namespaces.add(name);
            @SuppressWarnings("unchecked")
            var labels = (Map<String, String>) at(namespace, "metadata.labels");
            String level = labels.get(ENFORCE);
            boolean client = "true".equals(labels.get("vpc-lattice-multicluster/client"));
            assertEquals(client ? "privileged" : "restricted", level, name);
            assertEquals("restricted", labels.get("pod-security.kubernetes.io/audit"), name);
            assertEquals("restricted", labels.get("pod-security.kubernetes.io/warn"), name);
        }
        var covered = new TreeSet<String>();
        for (PlannedResource policy : ofType(plan, NETWORK_POLICY)) {
            assertEquals(Map.of(), at(policy, "spec.podSelector"), policy.name());
            assertEquals(List.of("Ingress", "Egress"), at(policy, "spec.policyTypes"), policy.name());
            covered.add((String) at(policy, "metadata.namespace"));
        }
        var withoutPods = Set.of("lattice-gateway");
        var expected = new TreeSet<>(namespaces);
        expected.removeAll(withoutPods);
        assertEquals(expected, covered, "namespaces the program runs pods in, each with its network policy");
    }
}
