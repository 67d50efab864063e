package io.vpclattice.multicluster.offlineplan;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.eks.RunningCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What AWS holds now, for the offline plan ({@code plan --aws-facts FILE}): the plan's stand-ins answer the
 * preflight's questions about running clusters from it, as AWS answers a deployment. Without it every cluster is
 * new, as it was before the file existed. The file, YAML:
 *
 * <pre>
 * clusters:
 *   eks-cluster1: { version: "1.34" }            # the EKS cluster's name, as ListClusters gives it
 *   eks-cluster2:
 *     version: "1.35"                            # required, quoted: an unquoted 1.30 is the number 1.3
 *     nodeGroups:                                # default: { initial: "&lt;version&gt;" }; {} for none
 *       initial: "1.34"
 *     addons:                                    # default: the four managed add-ons at default-for-&lt;version&gt;; {} for none
 *       vpc-cni: "v1.20.4-eksbuild.2"            # chosen for the cluster's version
 *       kube-proxy: { version: "v1.34.1-eksbuild.2", chosenFor: "1.34" }
 *       coredns: { version: "v1.12.3-eksbuild.1", chosenFor: null }   # no tag: made before it existed
 * </pre>
 *
 * A cluster not named does not exist.
 *
 * @param clusters what runs, by EKS cluster name
 */
public record AwsFacts(Map<String, RunningCluster> clusters) {
    public static final AwsFacts NONE = new AwsFacts(Map.of());

    /** The version the offline plan's stand-in gives a new add-on for Kubernetes {@code version}. */
    public static String defaultAddonVersion(String kubernetesVersion) {
        return "default-for-" + kubernetesVersion;
    }

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

    public AwsFacts {
        clusters = Map.copyOf(clusters);
    }

    /** A facts file that cannot be read as one: the message names the place in the file and what is expected. */
    public static final class FactsException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        FactsException(String where, String expected) {
            super(where + ": " + expected);
        }
    }

    public static AwsFacts read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** The facts of a file's text. */
    public static AwsFacts parse(String yaml) throws IOException {
        JsonNode root = Mappers.YAML.readTree(yaml);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE;
        }
        mapping(root, "", Set.of("clusters"));
        JsonNode clusters = root.path("clusters");
        if (clusters.isMissingNode() || clusters.isNull()) {
            return NONE;
        }
        mapping(clusters, "clusters", Set.of());
        var running = new TreeMap<String, RunningCluster>();
        for (var entry : clusters.properties()) {
            running.put(entry.getKey(), cluster("clusters." + entry.getKey(), entry.getValue()));
        }
        return new AwsFacts(running);
    }

    private static RunningCluster cluster(String where, JsonNode node) {
        mapping(node, where, Set.of("version", "nodeGroups", "addons"));
        String version = version(where + ".version", node.get("version"));
        var groups = new LinkedHashMap<String, String>();
        JsonNode groupNodes = node.get("nodeGroups");
        if (groupNodes == null) {
            groups.put("initial", version);
        } else {
            mapping(groupNodes, where + ".nodeGroups", Set.of());
            groupNodes.properties().forEach(group -> {
                String at = where + ".nodeGroups." + group.getKey();
                JsonNode value = group.getValue();
                if (value.isObject()) {
                    mapping(value, at, Set.of("version"));
                    value = value.get("version");
                    at = at + ".version";
                }
                groups.put(group.getKey(), version(at, value));
            });
        }
        var addons = new LinkedHashMap<String, RunningCluster.InstalledAddon>();
        JsonNode addonNodes = node.get("addons");
        if (addonNodes == null) {
            AddonVersions.all()
                    .forEach(addon -> addons.put(
                            addon,
                            new RunningCluster.InstalledAddon(defaultAddonVersion(version), Optional.of(version))));
        } else {
            mapping(addonNodes, where + ".addons", Set.of());
            addonNodes.properties().forEach(addon -> {
                String at = where + ".addons." + addon.getKey();
                if (!AddonVersions.all().contains(addon.getKey())) {
                    throw new FactsException(
                            at, "expected one of the add-ons the program manages: " + AddonVersions.all());
                }
                addons.put(addon.getKey(), addon(at, addon.getValue(), version));
            });
        }
        return new RunningCluster(version, groups, addons);
    }

    private static RunningCluster.InstalledAddon addon(String where, JsonNode node, String clusterVersion) {
        if (node.isTextual()) {
            return new RunningCluster.InstalledAddon(node.asText(), Optional.of(clusterVersion));
        }
        mapping(node, where, Set.of("version", "chosenFor"));
        JsonNode version = node.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw new FactsException(where + ".version", "expected the add-on's version, e.g. \"v1.20.4-eksbuild.2\"");
        }
        Optional<String> chosenFor;
        if (!node.has("chosenFor")) {
            chosenFor = Optional.of(clusterVersion);
        } else if (node.get("chosenFor").isNull()) {
            chosenFor = Optional.empty();
        } else {
            chosenFor = Optional.of(version(where + ".chosenFor", node.get("chosenFor")));
        }
        return new RunningCluster.InstalledAddon(version.asText(), chosenFor);
    }

    private static String version(String where, JsonNode node) {
        if (node == null || node.isNull()) {
            throw new FactsException(where, "expected a Kubernetes version such as \"1.34\"");
        }
        if (node.isNumber()) {
            throw new FactsException(
                    where,
                    "expected a quoted Kubernetes version such as \"1.34\", not the number " + node.asText()
                            + " (YAML reads an unquoted 1.30 as 1.3)");
        }
        if (!node.isTextual() || !VERSION.matcher(node.asText()).matches()) {
            throw new FactsException(where, "expected a Kubernetes version such as \"1.34\", not " + node);
        }
        return node.asText();
    }

    /** {@code node} is a mapping with no keys but {@code allowed} (any keys when empty). */
    private static void mapping(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            throw new FactsException(where.isEmpty() ? "the file" : where, "expected a mapping, not " + node);
        }
        if (!allowed.isEmpty()) {
            node.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key)) {
                    throw new FactsException(
                            where.isEmpty() ? key : where + "." + key,
                            "not a fact the plan reads; expected one of " + new TreeSet<>(allowed));
                }
            });
        }
    }
}
