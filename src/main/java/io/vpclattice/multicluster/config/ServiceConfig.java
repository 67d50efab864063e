package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.config.ConfigKey.RuleContext;
import io.vpclattice.multicluster.naming.NameRules;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.policies.CallerRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One service a cluster stack publishes through VPC Lattice, as its {@code services} entry declares it: the
 * workload runs {@code image} listening on {@code port}, behind the SigV4 sidecar, published as
 * {@code <name>-<cluster>.<domain>} on the cluster's Gateway, callable by exactly {@code callers}.
 *
 * @param name      a DNS label; the hostname is {@code <name>-<cluster>.<domain>}
 * @param port      the container's port; the Lattice listeners stay 80 and/or 443
 * @param callers   who may call it, {@code <cluster stack>/<namespace>}; none denies everyone
 * @param namespace where it runs (default {@value #DEFAULT_NAMESPACE})
 * @param replicas  how many pods (default {@value #DEFAULT_REPLICAS}, as the demo)
 */
public record ServiceConfig(
        String name, String image, int port, List<CallerRule> callers, String namespace, int replicas) {

    public static final String DEFAULT_NAMESPACE = "apps";
    public static final int DEFAULT_REPLICAS = 1;
    static final int MAX_REPLICAS = 1000;
    /** The fields an entry may have; any other is a typo the program would otherwise ignore. */
    static final List<String> FIELDS = List.of("name", "image", "port", "callers", "namespace", "replicas");
    /**
     * Namespaces of the platform itself: a service there would run beside the controllers, with their identities
     * and network policies.
     */
    static final Set<String> RESERVED_NAMESPACES = Set.of(
            "kube-system",
            "kube-public",
            "kube-node-lease",
            "default",
            "aws-application-networking-system",
            "external-dns",
            "kyverno",
            "lattice-gateway");
    /** The SigV4 proxy listens on this port in every pod it serves. */
    static final int PROXY_PORT = 8080;

    public ServiceConfig {
        callers = List.copyOf(callers);
    }

    /**
     * The entries of a {@code services} value as the CLI hands it over (a JSON list of objects), each checked; every
     * problem is added to {@code problems}, naming the entry and its field.
     *
     * @param key     the qualified key, for messages
     * @param cluster the cluster stack the services belong to
     */
    static List<ServiceConfig> read(
            String key, JsonNode list, String cluster, RuleContext context, List<String> problems) {
        if (!list.isArray()) {
            problems.add(key + "=" + list + ": expected a list of services, each with name, image, port and callers");
            return List.of();
        }
        var services = new ArrayList<ServiceConfig>();
        var names = new HashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            String where = key + "[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                problems.add(where + "=" + entry + ": expected a service: name, image, port, callers, and optionally"
                        + " namespace and replicas");
                continue;
            }
            int before = problems.size();
            Optional<ServiceConfig> service = entry(entry, where, cluster, context, problems);
            if (service.isPresent() && !names.add(service.get().name())) {
                problems.add(where + ".name=\"" + service.get().name() + "\": a second service of that name in stack "
                        + cluster + "; names must differ (each is a Deployment, a hostname and a Lattice service)");
            } else if (service.isPresent() && problems.size() == before) {
                services.add(service.get());
            }
        }
        return List.copyOf(services);
    }

    private static Optional<ServiceConfig> entry(
            JsonNode entry, String where, String cluster, RuleContext context, List<String> problems) {
        int before = problems.size();
        for (Iterator<String> fields = entry.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field)) {
                problems.add(where + "." + field + ": not a field of a service"
                        + io.vpclattice.multicluster.naming.Spelling.didYouMean(field, FIELDS)
                        + "; the fields are " + String.join(", ", FIELDS));
            }
        }
        String name = text(entry, "name", where, problems).orElse("");
        String label = where + (name.isEmpty() ? "" : " (" + name + ")");
        if (entry.has("name")) {
            nameProblem(name, cluster).ifPresent(p -> problems.add(label + ".name=\"" + name + "\": " + p));
        }
        String image = text(entry, "image", label, problems).orElse("");
        if (entry.has("image")) {
            NameRules.containerImage(image).ifPresent(p -> problems.add(label + ".image=\"" + image + "\": " + p));
        }
        int port = integer(entry, "port", label, 1, 65535, null, problems);
        if (port == PROXY_PORT) {
            problems.add(label + ".port=" + port + ": " + PROXY_PORT + " is the SigV4 proxy's port in every pod that"
                    + " calls Lattice; let the container listen on another port");
        }
        String namespace = entry.has("namespace")
                ? text(entry, "namespace", label, problems).orElse(DEFAULT_NAMESPACE)
                : DEFAULT_NAMESPACE;
        namespaceProblem(namespace).ifPresent(p -> problems.add(label + ".namespace=\"" + namespace + "\": " + p));
        if (!name.isEmpty() && problems.size() == before) {
            String latticeName = Names.latticeServiceName(Names.serviceRoute(name, cluster), namespace);
            if (latticeName.length() > Names.MAX_LATTICE_SERVICE_NAME) {
                problems.add(label + ": the Lattice service name " + latticeName
                        + " (<name>-<cluster>-<namespace>) has "
                        + latticeName.length() + " characters; VPC Lattice allows " + Names.MAX_LATTICE_SERVICE_NAME
                        + " (CreateService API reference): shorten the name or the namespace");
            }
        }
        int replicas = integer(entry, "replicas", label, 1, MAX_REPLICAS, DEFAULT_REPLICAS, problems);
        List<CallerRule> callers = callers(entry, label, context, problems);
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new ServiceConfig(name, image, port, callers, namespace, replicas));
    }

    /** A name that is a DNS label and makes a Lattice service name AWS accepts ({@code svc-} is reserved). */
    static Optional<String> nameProblem(String name, String cluster) {
        if (!name.matches("[a-z]([a-z0-9-]*[a-z0-9])?") || name.contains("--") || name.length() > 63) {
            return Optional.of("expected a DNS label: lowercase letters, digits and single hyphens, starting with a"
                    + " letter (the hostname is <name>-" + cluster + ".<domain>)");
        }
        if (name.startsWith("svc-")) {
            return Optional.of("expected a name not starting with svc-, which VPC Lattice reserves for service ids");
        }
        return Optional.empty();
    }

    static Optional<String> namespaceProblem(String namespace) {
        if (RESERVED_NAMESPACES.contains(namespace)) {
            return Optional.of("expected a namespace of your own: " + namespace + " belongs to Kubernetes or to the"
                    + " platform this program runs");
        }
        return NameRules.namespace(namespace);
    }

    private static List<CallerRule> callers(JsonNode entry, String label, RuleContext context, List<String> problems) {
        if (!entry.has("callers")) {
            return List.of();
        }
        JsonNode callers = entry.get("callers");
        if (!callers.isArray()) {
            problems.add(label + ".callers=" + callers + ": expected a list of <cluster stack>/<namespace>, such as"
                    + " [cluster2/apps]; an empty list denies everyone");
            return List.of();
        }
        var rules = new ArrayList<CallerRule>();
        var seen = new HashSet<String>();
        for (int i = 0; i < callers.size(); i++) {
            JsonNode caller = callers.get(i);
            String where = label + ".callers[" + i + "]";
            if (!caller.isTextual()) {
                problems.add(where + "=" + caller + ": expected a string <cluster stack>/<namespace>");
                continue;
            }
            String value = caller.asText();
            Optional<String> broken = value.isEmpty()
                    ? Optional.of("expected <cluster stack>/<namespace>, such as cluster2/apps, not an empty string")
                    : ConfigRules.caller(value, context);
            if (broken.isPresent()) {
                problems.add(where + "=\"" + value + "\": " + broken.get());
            } else if (!seen.add(value)) {
                problems.add(where + "=\"" + value + "\": listed twice; remove the duplicate");
            } else {
                rules.add(ConfigRules.parseCaller(value));
            }
        }
        return List.copyOf(rules);
    }

    private static Optional<String> text(JsonNode entry, String field, String where, List<String> problems) {
        if (!entry.has(field)) {
            problems.add(where + ": the service has no " + field + "; name, image and port are required");
            return Optional.empty();
        }
        JsonNode value = entry.get(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            problems.add(where + "." + field + "=" + value + ": expected a non-empty string");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static int integer(
            JsonNode entry, String field, String where, int min, int max, Integer fallback, List<String> problems) {
        if (!entry.has(field)) {
            if (fallback == null) {
                problems.add(where + ": the service has no " + field + "; name, image and port are required");
                return 0;
            }
            return fallback;
        }
        JsonNode value = entry.get(field);
        if (!value.canConvertToExactIntegral() || value.asLong() < min || value.asLong() > max) {
            problems.add(where + "." + field + "=" + value + ": expected an integer from " + min + " to " + max);
            return fallback == null ? 0 : fallback;
        }
        return value.asInt();
    }
}
