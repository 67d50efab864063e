package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.offlineplan.OfflinePlanner;
import io.vpclattice.multicluster.policies.CallerRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the loader reads at the edges of each kind of key, and the generated names and policies it checks once every
 * key is valid: each reached through {@link ConfigLoader#load}, as a stack's run reaches it.
 */
class ConfigLoaderChecksTest {
    private static final String PROJECT = "vpc-lattice-multicluster";
    private static final String MEMBER = "210987654321";

    private static ClusterStackConfig cluster(Map<String, String> values) {
        return assertInstanceOf(ClusterStackConfig.class, ConfigLoaderTest.load("cluster1", values));
    }

    private static EnvironmentStackConfig environment(Map<String, String> values) {
        return assertInstanceOf(EnvironmentStackConfig.class, ConfigLoaderTest.load("environment", values));
    }

    /** {@code count} distinct namespaces of 63 characters, the longest Kubernetes allows. */
    private static List<String> longNamespaces(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> prefix + String.format("%0" + (63 - prefix.length()) + "d", i))
                .toList();
    }

    private static String jsonList(List<String> items) {
        return items.stream().map(item -> "\"" + item + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String error(String stack, Map<String, String> values, ProjectStacks stacks) {
        return assertThrows(
                        ConfigException.class,
                        () -> ConfigLoader.load(
                                ConfigLoaderTest.source(values), OfflinePlanner.ORGANIZATION, PROJECT, stack, stacks))
                .getMessage();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "availabilityZoneCount, 2",
        "availabilityZoneCount, 6",
        "nodeMinSize,           0",
        "nodeDesiredSize,       10",
        "caDeletionWindowDays,  7",
        "caDeletionWindowDays,  30"
    })
    void anIntegerAtEitherEndOfItsRangeIsRead(String key, int value) {
        if (key.equals("caDeletionWindowDays")) {
            assertEquals(value, environment(Map.of(key, String.valueOf(value))).caDeletionWindowDays());
        } else if (key.equals("availabilityZoneCount")) {
            assertEquals(
                    value, cluster(Map.of(key, String.valueOf(value))).network().availabilityZoneCount());
        } else {
            var scaling = cluster(Map.of(key, String.valueOf(value))).eks().nodeScaling();
            assertEquals(value, key.equals("nodeMinSize") ? scaling.min() : scaling.desired());
        }
    }

    /** One problem for the value: the key's default stands in for it, so no other rule fails because of it. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "environment|caDeletionWindowDays|6|expected an integer from 7 to 30",
                "environment|caDeletionWindowDays|31|expected an integer from 7 to 30",
                "cluster1|availabilityZoneCount|7|expected an integer from 2 to 6",
                "cluster1|nodeMaxSize|0|expected an integer from 1 to 450",
                "cluster1|nodeMaxSize|451|expected an integer from 1 to 450",
                "cluster1|nodeMaxSize|ten|expected an integer from 1 to 450",
                "cluster1|nodeMinSize|-1|expected an integer from 0 to 450",
                "cluster1|httpListener|1|expected true or false"
            })
    void aValueOutOfRangeIsOneProblem(String stack, String key, String value, String expected) {
        assertEquals(
                "invalid configuration: " + PROJECT + ":" + key + "=\"" + value + "\": " + expected,
                ConfigLoaderTest.error(stack, Map.of(key, value)));
    }

    @ParameterizedTest(name = "{0}/{1}/{2}: {3}")
    @CsvSource({"0, 1, 1, true", "450, 450, 450, true", "2, 2, 2, true", "3, 2, 10, false", "1, 5, 4, false"})
    void nodeSizesAreOrdered(int min, int desired, int max, boolean valid) {
        var values = Map.of(
                "nodeMinSize", String.valueOf(min),
                "nodeDesiredSize", String.valueOf(desired),
                "nodeMaxSize", String.valueOf(max));
        if (valid) {
            assertEquals(
                    new ClusterStackConfig.NodeScaling(min, desired, max),
                    cluster(values).eks().nodeScaling());
        } else {
            assertEquals(
                    "invalid configuration: " + PROJECT + ":nodeMinSize=" + min + ", " + PROJECT + ":nodeDesiredSize="
                            + desired + ", " + PROJECT + ":nodeMaxSize=" + max
                            + ": expected nodeMinSize <= nodeDesiredSize <= nodeMaxSize",
                    ConfigLoaderTest.error("cluster1", values));
        }
    }

    @Test
    void booleansOptionalArnsAndListsAreReadAsGiven() {
        assertEquals(true, cluster(Map.of()).platform().httpListener(), "the default");
        assertEquals(true, cluster(Map.of("httpListener", "true")).platform().httpListener());
        assertEquals(false, cluster(Map.of("httpListener", "false")).platform().httpListener());
        assertEquals(Optional.empty(), cluster(Map.of()).eks().clusterAdminArn());
        String admin = "arn:aws:iam::123456789012:role/Admin";
        assertEquals(
                Optional.of(admin),
                cluster(Map.of("clusterAdminArn", admin)).eks().clusterAdminArn());
        assertEquals(
                List.of("10.0.0.0/8", "192.0.2.0/24"),
                cluster(Map.of("endpointPublicAccessCidrs", "[\"10.0.0.0/8\",\"192.0.2.0/24\"]"))
                        .eks()
                        .endpointPublicAccessCidrs());
        assertEquals(List.of(), cluster(Map.of("allowedCallers", "[]")).demo().allowedCallers());
        assertEquals(
                "invalid configuration: " + PROJECT + ":endpointPublicAccessCidrs=\"[]\": expected at least one CIDR:"
                        + " pulumi reaches the Kubernetes API through the public endpoint",
                ConfigLoaderTest.error("cluster1", Map.of("endpointPublicAccessCidrs", "[]")));
        String ca = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555";
        assertEquals(Optional.empty(), environment(Map.of()).existingCertificateAuthorityArn());
        assertEquals(
                Optional.of(ca),
                environment(Map.of("certificateAuthorityArn", ca)).existingCertificateAuthorityArn());
    }

    @Test
    void anEnvironmentKeyOnAClusterSaysWhereItBelongs() {
        assertEquals(
                "invalid configuration: " + PROJECT + ":domain=\"example.internal\": read only by the environment"
                        + " stack, so stack cluster1 would ignore it; set it in the environment's Pulumi.<stack>.yaml"
                        + " instead",
                ConfigLoaderTest.error("cluster1", Map.of("domain", "example.internal")));
    }

    /** The demo's keys at their defaults are not set, so services may stand beside them; anything else may not. */
    @Test
    void servicesStandBesideTheDemosDefaultsOnly() {
        String services = "[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81}]";
        assertEquals(
                1,
                cluster(Map.of("services", services, "allowedCallers", "[]"))
                        .services()
                        .size());
        String message = ConfigLoaderTest.error("cluster1", Map.of("services", services, "allowedCallers", "oops"));
        assertTrue(message.contains(PROJECT + ":services and " + PROJECT + ":allowedCallers are both set"), message);
    }

    /** This run's own services or demo callers decide its client namespaces, with the namespaces its services run in. */
    @Test
    void theStacksOwnServicesAndCallersMakeItsClientNamespaces() {
        var services = cluster(Map.of(
                "services",
                "[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"namespace\":\"shop\","
                        + "\"callers\":[\"cluster1/web\",\"cluster2/apps\"]},"
                        + "{\"name\":\"stock\",\"image\":\"nginx:1.27\",\"port\":81,\"namespace\":\"shop\","
                        + "\"callers\":[\"cluster1/web\"]}]"));
        assertEquals(Set.of("shop", "web"), services.common().calls().clientNamespaces("cluster1"));
        assertEquals(
                List.of(new CallerRule("cluster1", "web"), new CallerRule("cluster2", "apps")),
                services.common().calls().callers().get("cluster1"),
                "each caller once");
        var demo = cluster(Map.of("allowedCallers", "[\"cluster1/batch\"]"));
        assertEquals(Set.of("apps", "batch"), demo.common().calls().clientNamespaces("cluster1"));
    }

    @Test
    void anEmptyAccountIdIsTheEnvironmentsAccount() {
        var stacks = new ProjectStacks(
                "environment",
                List.of("cluster1", "cluster2"),
                new ClusterAccounts(Map.of("cluster1", MEMBER), Set.of("cluster1", "cluster2")),
                ProjectCalls.NONE);
        var own = assertInstanceOf(
                ClusterStackConfig.class,
                ConfigLoader.load(
                        ConfigLoaderTest.source(Map.of("accountId", "")),
                        OfflinePlanner.ORGANIZATION,
                        PROJECT,
                        "cluster1",
                        stacks));
        assertEquals(Optional.empty(), own.common().clusterAccounts().configured("cluster1"));
        var member = assertInstanceOf(
                ClusterStackConfig.class,
                ConfigLoader.load(
                        ConfigLoaderTest.source(Map.of("accountId", MEMBER)),
                        OfflinePlanner.ORGANIZATION,
                        PROJECT,
                        "cluster1",
                        stacks));
        assertEquals(Optional.of(MEMBER), member.common().clusterAccounts().configured("cluster1"));
    }

    // --- generated names and policies, checked once every key is valid ---

    @Test
    void theEnvironmentsClientRoleTrustsAtMost27LongNamespaces() {
        List<String> fit = longNamespaces("n", 27);
        assertEquals(fit, environment(Map.of("clientNamespaces", jsonList(fit))).clientNamespaces());
        String message =
                ConfigLoaderTest.error("environment", Map.of("clientNamespaces", jsonList(longNamespaces("n", 28))));
        assertTrue(
                message.startsWith("invalid configuration: " + PROJECT + ":clientNamespaces (with the namespaces the"
                        + " stack files give the client identity): 28 namespaces make the trust policy of role"
                        + " vpc-lattice-ccpc-sigv4-client"),
                message);
    }

    @Test
    void aKeysOwnProblemIsReportedAloneBeforeWhatIsBuiltFromTheKeys() {
        assertEquals(
                "invalid configuration: " + PROJECT + ":domain=\"Example.io\": expected a lowercase DNS domain with at"
                        + " least two labels, such as vpc-lattice-octank.io",
                ConfigLoaderTest.error(
                        "environment",
                        Map.of("domain", "Example.io", "clientNamespaces", jsonList(longNamespaces("n", 28)))));
        var callers =
                longNamespaces("c", 60).stream().map(ns -> "cluster2/" + ns).toList();
        assertEquals(
                "invalid configuration: " + PROJECT + ":vpcCidr=\"nope\": expected an IPv4 CIDR such as 10.0.0.0/16",
                ConfigLoaderTest.error("cluster1", Map.of("vpcCidr", "nope", "allowedCallers", jsonList(callers))));
    }

    /**
     * The namespaces of a cluster in the environment's account join the environment's client role; those of a
     * cluster of another account go to that cluster's own role.
     */
    @Test
    void eachClustersNamespacesCountTowardTheRoleOfItsAccount() {
        var clusterNamespaces = new HashMap<String, Set<String>>();
        clusterNamespaces.put("cluster1", Set.copyOf(longNamespaces("a", 8)));
        clusterNamespaces.put("cluster2", Set.copyOf(longNamespaces("b", 27)));
        var calls = new ProjectCalls(clusterNamespaces, Map.of());
        var accounts = new ClusterAccounts(Map.of("cluster2", MEMBER), Set.of("cluster1", "cluster2"));
        var stacks = new ProjectStacks("environment", List.of("cluster1", "cluster2"), accounts, calls);
        String message = error("environment", Map.of("clientNamespaces", jsonList(longNamespaces("n", 20))), stacks);
        assertTrue(message.startsWith("invalid configuration (2 problems): " + PROJECT + ":clientNamespaces"), message);
        assertTrue(
                message.contains(": 28 namespaces make the trust policy of role vpc-lattice-ccpc-sigv4-client"),
                message);
        assertTrue(
                message.contains(PROJECT + ":client namespaces of cluster stack cluster2 (its services' and callers',"
                        + " for its own client role in another account): 27 namespaces make the trust policy of role"
                        + " vpc-lattice-ccpc-cluster2-sigv4-client"),
                message);
    }

    @Test
    void tooManyCallersOfTheDemoOrOfAServiceFillTheAuthPolicy() {
        var callers =
                longNamespaces("c", 60).stream().map(ns -> "cluster2/" + ns).toList();
        String demo = ConfigLoaderTest.error("cluster1", Map.of("allowedCallers", jsonList(callers)));
        assertTrue(
                demo.startsWith("invalid configuration: " + PROJECT + ":allowedCallers (60 callers): the auth policy of"
                        + " service demo-cluster1 is "),
                demo);
        String services = ConfigLoaderTest.error(
                "cluster1",
                Map.of(
                        "services",
                        "[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"callers\":[\"cluster2/apps\"]},"
                                + "{\"name\":\"stock\",\"image\":\"nginx:1.27\",\"port\":81,\"callers\":"
                                + jsonList(callers) + "}]"));
        assertTrue(
                services.startsWith("invalid configuration: " + PROJECT + ":services[1].callers (60 callers): the auth"
                        + " policy of service stock-cluster1 is "),
                services);
    }

    /** A cluster of another account has its own client role, which names the cluster and takes 26 long namespaces (here 27 and apps). */
    @Test
    void aMemberClustersOwnClientRoleTrustsWhatFits() {
        var callers = longNamespaces("m", 27).stream()
                .map(ns -> new CallerRule("cluster1", ns))
                .toList();
        var calls = new ProjectCalls(Map.of(), Map.of("cluster2", callers));
        var accounts = new ClusterAccounts(Map.of("cluster1", MEMBER), Set.of("cluster1", "cluster2"));
        var stacks = new ProjectStacks("environment", List.of("cluster1", "cluster2"), accounts, calls);
        String message = error("cluster1", Map.of("accountId", MEMBER), stacks);
        assertTrue(
                message.startsWith("invalid configuration: " + PROJECT + ": the client namespaces of cluster1 (its"
                        + " services' and callers'), for its own client role: 28 namespaces make the trust policy of"
                        + " role vpc-lattice-ccpc-cluster1-sigv4-client"),
                message);
    }

    /**
     * A member cluster's name comes from its stack file, which only its own run checks; the environment builds that
     * cluster's DNS writer role from it and refuses a role name IAM would refuse.
     */
    @Test
    void theEnvironmentRefusesADnsWriterRoleNameIamWouldRefuse() {
        String member = "c".repeat(40);
        var accounts = new ClusterAccounts(Map.of(member, MEMBER), Set.of("cluster1", member));
        var stacks = new ProjectStacks("environment", List.of("cluster1", member), accounts, ProjectCalls.NONE);
        String message = error("environment", Map.of(), stacks);
        assertTrue(
                message.startsWith("invalid configuration: " + PROJECT + ": IAM role name vpc-lattice-ccpc-" + member
                        + "-dns-writer (environmentName + cluster stack " + member + " + -dns-writer): "),
                message);
    }

    /** publicAccessCidrs restrict a public endpoint: set beside a private-only endpoint they say nothing. */
    @Test
    void publicAccessCidrsOnlyForAPublicEndpoint() {
        assertEquals(
                "invalid configuration: " + PROJECT + ":endpointPublicAccessCidrs=\"[\"10.0.0.0/8\"]\": only for a"
                        + " public endpoint, and " + PROJECT
                        + ":endpointPublicAccess is false (private only): remove it,"
                        + " or set endpointPublicAccess to true",
                ConfigLoaderTest.error(
                        "cluster1",
                        Map.of("endpointPublicAccess", "false", "endpointPublicAccessCidrs", "[\"10.0.0.0/8\"]")));
        assertInstanceOf(
                ClusterStackConfig.class,
                ConfigLoaderTest.load(
                        "cluster1",
                        Map.of("endpointPublicAccess", "false", "endpointPublicAccessCidrs", "[\"0.0.0.0/0\"]")),
                "the default list is not set");
        assertEquals(
                List.of("10.0.0.0/8"),
                cluster(Map.of("endpointPublicAccess", "true", "endpointPublicAccessCidrs", "[\"10.0.0.0/8\"]"))
                        .eks()
                        .endpointPublicAccessCidrs());
    }
}
