package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.policies.CallerRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The services key: each entry read and checked before anything is created, each problem one line naming it. */
class ServiceConfigTest {
    private static final String KEY = "vpc-lattice-multicluster:services";

    private static ClusterStackConfig load(String services) {
        return assertInstanceOf(
                ClusterStackConfig.class, ConfigLoaderTest.load("cluster1", Map.of("services", services)));
    }

    @Test
    void anEntryWithItsDefaults() {
        var config =
                load("[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":8081,\"callers\":[\"cluster2/apps\"]}]");
        assertEquals(
                List.of(new ServiceConfig(
                        "orders", "nginx:1.27", 8081, List.of(new CallerRule("cluster2", "apps")), "apps", 1)),
                config.services());
        assertTrue(!config.runsDemo(), "the services replace the demo");
        assertEquals(
                java.util.Set.of("apps"),
                config.common().calls().clientNamespaces("cluster1"),
                "the service's own namespace has the client identity: its sidecar reads the CA");
    }

    @Test
    void withoutTheKeyTheDemoRuns() {
        assertTrue(assertInstanceOf(ClusterStackConfig.class, ConfigLoaderTest.load("cluster1", Map.of()))
                .runsDemo());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not a list|{\"name\":\"x\"}|" + KEY + "={\"name\":\"x\"}: expected a list of services, each with name,"
                        + " image, port and callers",
                "text that is no JSON, as the CLI passes a plain string|orders|" + KEY
                        + "=\"orders\": expected a list of services, each with name, image, port and callers",
                "an item that is not a map|[\"orders\"]|" + KEY
                        + "[0]=\"orders\": expected a service: name, image, port,"
                        + " callers, and optionally namespace and replicas",
                "no port|[{\"name\":\"orders\",\"image\":\"nginx:1.27\"}]|" + KEY
                        + "[0] (orders): the service has no port; name, image and port are required",
                "port out of range|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":70000}]|" + KEY
                        + "[0] (orders).port=70000: expected an integer from 1 to 65535",
                "a port given as text|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":\"80\"}]|" + KEY
                        + "[0] (orders).port=\"80\": expected an integer from 1 to 65535",
                "the proxy's port|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":8080}]|" + KEY
                        + "[0] (orders).port=8080: 8080 is the SigV4 proxy's port in every pod that calls Lattice;"
                        + " let the container listen on another port",
                "not a DNS label|[{\"name\":\"Orders\",\"image\":\"nginx:1.27\",\"port\":81}]|" + KEY
                        + "[0] (Orders).name=\"Orders\": expected a DNS label: lowercase letters, digits and single"
                        + " hyphens, starting with a letter (the hostname is <name>-cluster1.<domain>)",
                "a name Lattice reserves|[{\"name\":\"svc-orders\",\"image\":\"nginx:1.27\",\"port\":81}]|" + KEY
                        + "[0] (svc-orders).name=\"svc-orders\": expected a name not starting with svc-, which VPC"
                        + " Lattice reserves for service ids",
                "a Lattice name too long|[{\"name\":\"order-management\",\"image\":\"nginx:1.27\",\"port\":81,"
                        + "\"namespace\":\"storefront-team\"}]|" + KEY + "[0] (order-management): the Lattice service"
                        + " name order-management-cluster1-storefront-team (<name>-<cluster>-<namespace>) has 41"
                        + " characters; VPC Lattice allows 40 (CreateService API reference): shorten the name or the"
                        + " namespace",
                "an invalid image|[{\"name\":\"orders\",\"image\":\"Nginx:1.27\",\"port\":81}]|" + KEY
                        + "[0] (orders).image=\"Nginx:1.27\": expected a container image reference such as"
                        + " public.ecr.aws/org/name:tag or nginx:1.27",
                "an unknown field|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"replica\":2}]|" + KEY
                        + "[0].replica: not a field of a service (did you mean replicas?); the fields are name, image,"
                        + " port, callers, namespace, replicas",
                "an empty caller|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"callers\":[\"\"]}]|"
                        + KEY + "[0] (orders).callers[0]=\"\": expected <cluster stack>/<namespace>, such as"
                        + " cluster2/apps, not an empty string",
                "a caller twice|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"callers\":[\"cluster2/apps\","
                        + "\"cluster2/apps\"]}]|" + KEY + "[0] (orders).callers[1]=\"cluster2/apps\": listed twice;"
                        + " remove the duplicate",
                "a caller of no stack|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"callers\":[\"cluster3/apps\"]}]|"
                        + KEY + "[0] (orders).callers[0]=\"cluster3/apps\": expected a cluster stack of this project"
                        + " (cluster1, cluster2): add Pulumi.cluster3.yaml or fix the name",
                "a platform namespace|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"namespace\":\"kube-system\"}]|"
                        + KEY + "[0] (orders).namespace=\"kube-system\": expected a namespace of your own: kube-system"
                        + " belongs to Kubernetes or to the platform this program runs",
                "zero replicas|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"replicas\":0}]|" + KEY
                        + "[0] (orders).replicas=0: expected an integer from 1 to 1000",
                "replicas past the limit|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"replicas\":1001}]|"
                        + KEY + "[0] (orders).replicas=1001: expected an integer from 1 to 1000",
                "port zero|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":0}]|" + KEY
                        + "[0] (orders).port=0: expected an integer from 1 to 65535",
                "port past the last|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":65536}]|" + KEY
                        + "[0] (orders).port=65536: expected an integer from 1 to 65535",
                "no image|[{\"name\":\"orders\",\"port\":81}]|" + KEY
                        + "[0] (orders): the service has no image; name, image and port are required",
                "callers not a list|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"callers\":\"cluster2/apps\"}]|"
                        + KEY
                        + "[0] (orders).callers=\"cluster2/apps\": expected a list of <cluster stack>/<namespace>,"
                        + " such as [cluster2/apps]; an empty list denies everyone",
                "a caller that is no string|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"callers\":[1]}]|"
                        + KEY + "[0] (orders).callers[0]=1: expected a string <cluster stack>/<namespace>",
                "no Kubernetes namespace|[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81,\"namespace\":\"Apps\"}]|"
                        + KEY
                        + "[0] (orders).namespace=\"Apps\": expected a Kubernetes namespace name (lowercase letters,"
                        + " digits, '-', at most 63 characters)"
            })
    void aBadEntryIsRefusedWithOneLineNamingIt(String why, String services, String expected) {
        assertEquals(
                "invalid configuration: " + expected,
                ConfigLoaderTest.error("cluster1", Map.of("services", services)),
                why);
    }

    @Test
    void twoServicesOfOneNameAreRefused() {
        String entry = "{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81}";
        assertEquals(
                "invalid configuration: " + KEY + "[1].name=\"orders\": a second service of that name in stack"
                        + " cluster1; names must differ (each is a Deployment, a hostname and a Lattice service)",
                ConfigLoaderTest.error("cluster1", Map.of("services", "[" + entry + "," + entry + "]")));
    }

    @Test
    void servicesBesideTheDemosSettingsAreRefused() {
        String services = "[{\"name\":\"orders\",\"image\":\"nginx:1.27\",\"port\":81}]";
        assertEquals(
                "invalid configuration: " + KEY + " and vpc-lattice-multicluster:allowedCallers are both set: the"
                        + " services replace the demo, which allowedCallers configures; set the callers of each service"
                        + " in its entry and remove allowedCallers",
                ConfigLoaderTest.error(
                        "cluster1", Map.of("services", services, "allowedCallers", "[\"cluster2/apps\"]")));
        assertTrue(ConfigLoaderTest.error("cluster1", Map.of("services", services, "demoImage", "nginx:1.27"))
                .contains("vpc-lattice-multicluster:demoImage are both set"));
    }

    /** Each field at the edges it accepts: port 1 and 65535, replicas 1000, a Lattice name of exactly 40. */
    @Test
    void anEntryAtEveryLimitIsAccepted() {
        var config = load(
                "[{\"name\":\"a\",\"image\":\"nginx:1.27\",\"port\":1},"
                        + "{\"name\":\"b\",\"image\":\"nginx:1.27\",\"port\":65535,\"replicas\":1000},"
                        + "{\"name\":\"order-management\",\"image\":\"nginx:1.27\",\"port\":81,\"namespace\":\"storefront-tea\"}]");
        assertEquals(
                List.of(
                        new ServiceConfig("a", "nginx:1.27", 1, List.of(), "apps", 1),
                        new ServiceConfig("b", "nginx:1.27", 65535, List.of(), "apps", 1000),
                        new ServiceConfig("order-management", "nginx:1.27", 81, List.of(), "storefront-tea", 1)),
                config.services());
        assertEquals(40, "order-management-cluster1-storefront-tea".length());
    }

    @ParameterizedTest(name = "{0} characters: {1}")
    @CsvSource({"1, true", "63, true", "64, false"})
    void aServiceNameIsADnsLabel(int length, boolean valid) {
        assertEquals(
                valid
                        ? java.util.Optional.empty()
                        : java.util.Optional.of("expected a DNS label: lowercase letters, digits and single hyphens,"
                                + " starting with a letter (the hostname is <name>-cluster1.<domain>)"),
                ServiceConfig.nameProblem("s".repeat(length), "cluster1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"orders, true", "order-2, true", "order--2, false", "2orders, false", "orders-, false"})
    void aServiceNameHasSingleHyphensAndStartsWithALetter(String name, boolean valid) {
        assertEquals(valid, ServiceConfig.nameProblem(name, "cluster1").isEmpty(), name);
    }

    /** What is missing is said once, and no Lattice name is derived from a broken namespace. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no name and no port|[{\"image\":\"nginx:1.27\"}]|invalid configuration (2 problems): " + KEY
                        + "[0]: the service has no name; name, image and port are required; " + KEY
                        + "[0]: the service has no port; name, image and port are required",
                "a long name in a broken namespace|[{\"name\":\"order-management\",\"image\":\"nginx:1.27\",\"port\":81,"
                        + "\"namespace\":\"Storefront-Team\"}]|invalid configuration: " + KEY
                        + "[0] (order-management).namespace=\"Storefront-Team\": expected a Kubernetes namespace name"
                        + " (lowercase letters, digits, '-', at most 63 characters)"
            })
    void aMissingFieldIsSaidOnce(String why, String services, String expected) {
        assertEquals(expected, ConfigLoaderTest.error("cluster1", Map.of("services", services)), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a name that is a number|[{\"name\":5,\"image\":\"nginx:1.27\",\"port\":81}]|" + KEY
                        + "[0].name=5: expected a non-empty string",
                "an empty name|[{\"name\":\"\",\"image\":\"nginx:1.27\",\"port\":81}]|" + KEY
                        + "[0].name=\"\": expected a non-empty string",
                "an image that is a list|[{\"name\":\"orders\",\"image\":[\"nginx\"],\"port\":81}]|" + KEY
                        + "[0] (orders).image=[\"nginx\"]: expected a non-empty string"
            })
    void aTextFieldMustBeANonEmptyString(String why, String services, String expected) {
        var problems = assertThrows(
                        ConfigException.class, () -> ConfigLoaderTest.load("cluster1", Map.of("services", services)))
                .problems();
        assertTrue(problems.contains(expected), problems.toString());
    }
}
