package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.policies.CallerRule;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who calls whom across the project, as every cluster stack's file says: where each cluster's workloads run, and
 * which {@code <cluster>/<namespace>} callers each stack admits. A namespace some service admits as a caller, or
 * where a service runs, is a client namespace of its cluster: its pods get the SigV4 client identity there. Every
 * stack reads all the files, so the caller's cluster learns of it without a stack reference between clusters.
 *
 * @param workloadNamespaces each cluster stack to the namespaces its services (or the demo) run in
 * @param callers            each cluster stack to the callers its services admit
 */
public record ProjectCalls(Map<String, Set<String>> workloadNamespaces, Map<String, List<CallerRule>> callers) {
    public static final ProjectCalls NONE = new ProjectCalls(Map.of(), Map.of());

    public ProjectCalls {
        var namespaces = new TreeMap<String, Set<String>>();
        workloadNamespaces.forEach((cluster, set) -> namespaces.put(cluster, Set.copyOf(set)));
        workloadNamespaces = Map.copyOf(namespaces);
        var rules = new TreeMap<String, List<CallerRule>>();
        callers.forEach((cluster, list) -> rules.put(cluster, List.copyOf(list)));
        callers = Map.copyOf(rules);
    }

    /** The namespaces of {@code cluster} whose pods call services: where its workloads run and where callers are. */
    public Set<String> clientNamespaces(String cluster) {
        var namespaces = new TreeSet<String>(workloadNamespaces.getOrDefault(cluster, Set.of()));
        callers.values().stream()
                .flatMap(List::stream)
                .filter(rule -> rule.cluster().equals(cluster))
                .forEach(rule -> namespaces.add(rule.namespace()));
        return namespaces;
    }

    /** The same, with {@code cluster}'s own entry as its run reads it (its config, which its file may not hold). */
    public ProjectCalls with(String cluster, Set<String> ownNamespaces, List<CallerRule> ownCallers) {
        var namespaces = new TreeMap<>(workloadNamespaces);
        namespaces.put(cluster, ownNamespaces);
        var rules = new TreeMap<>(callers);
        rules.put(cluster, ownCallers);
        return new ProjectCalls(namespaces, rules);
    }
}
