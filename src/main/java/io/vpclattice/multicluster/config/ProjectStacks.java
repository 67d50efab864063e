package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.kubernetes.Workload;
import io.vpclattice.multicluster.naming.NameRules;
import io.vpclattice.multicluster.policies.CallerRule;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The project's stacks and their roles, decided here for the program, the offline plan and the operating scripts
 * (which read it through the jar's {@code stacks} command), so they never disagree about which stack builds the
 * environment.
 *
 * <p>The rule is the one every stack's program applies to itself: a stack's {@code environmentStack} is the value
 * the Pulumi CLI hands its program, the {@code Pulumi.yaml} default overridden by its {@code Pulumi.<stack>.yaml}.
 * Every stack with a settings file must name the same environment; that stack is the environment and every other
 * stack with a settings file is a cluster stack. Stack files that name different environments are refused, and so
 * is an environment with no settings file of its own while the {@code Pulumi.yaml} default names another stack
 * (its own program would then read that default and build a cluster). With no stack file at all, the
 * {@code Pulumi.yaml} default is the environment.
 *
 * @param environment the environment stack
 * @param clusters    every other stack with a settings file, sorted
 * @param accounts    the account each cluster stack's file names (its accountId key), so that every stack knows
 *                    where the others run without a stack reference between clusters
 * @param calls       who calls whom, from every cluster stack's services (or demo callers)
 */
public record ProjectStacks(String environment, List<String> clusters, ClusterAccounts accounts, ProjectCalls calls) {
    public ProjectStacks {
        clusters = List.copyOf(clusters);
    }

    public ProjectStacks(String environment, List<String> clusters) {
        this(environment, clusters, new ClusterAccounts(Map.of(), Set.copyOf(clusters)), ProjectCalls.NONE);
    }

    /** Every stack: the environment first, as it is deployed, then the cluster stacks. */
    public List<String> all() {
        var all = new ArrayList<String>();
        all.add(environment);
        all.addAll(clusters);
        return List.copyOf(all);
    }

    public boolean isEnvironment(String stack) {
        return environment.equals(stack);
    }

    /**
     * Decides from {@code Pulumi.yaml} and every {@code Pulumi.<stack>.yaml}.
     *
     * @throws ConfigException when the stack files disagree, in one line naming the files, the key and the values,
     *                         or when one of them names an account that is not a 12-digit id
     */
    public static ProjectStacks read(StackFiles files) {
        String key = files.projectName() + ":" + ConfigSchema.ENVIRONMENT_STACK.name();
        String projectDefault = files.declaredDefault(ConfigSchema.ENVIRONMENT_STACK.name())
                .orElse(ConfigSchema.ENVIRONMENT_STACK.defaultValue());
        var effective = new TreeMap<String, String>();
        for (String stack : files.stackNames()) {
            if (files.encrypted(stack, ConfigSchema.ENVIRONMENT_STACK.name())) {
                throw new ConfigException(key + " in " + StackFiles.fileName(stack)
                        + " is encrypted; it decides which stack is the environment, so it must be plain text");
            }
            effective.put(
                    stack,
                    files.value(stack, ConfigSchema.ENVIRONMENT_STACK.name()).orElse(projectDefault));
        }
        var decided = decide(key, projectDefault, effective);
        String accountKey = files.projectName() + ":" + ConfigSchema.ACCOUNT_ID.name();
        var accounts = new TreeMap<String, String>();
        for (String cluster : decided.clusters()) {
            if (files.encrypted(cluster, ConfigSchema.ACCOUNT_ID.name())) {
                throw new ConfigException(
                        accountKey + " in " + StackFiles.fileName(cluster)
                                + " is encrypted; every stack reads it to name that cluster's account, so it must be plain text");
            }
            String account =
                    files.value(cluster, ConfigSchema.ACCOUNT_ID.name()).orElse("");
            ClusterAccounts.problem(account).ifPresent(problem -> {
                throw new ConfigException(accountKey + "=\"" + account + "\" (" + StackFiles.fileName(cluster) + "): "
                        + ConfigRules.withQuotingHint(account, problem));
            });
            if (!account.isEmpty()) {
                accounts.put(cluster, account);
            }
        }
        return new ProjectStacks(
                decided.environment(),
                decided.clusters(),
                new ClusterAccounts(accounts, Set.copyOf(decided.clusters())),
                calls(files, decided.clusters()));
    }

    /**
     * Who calls whom, read leniently: an entry a stack's own run would refuse is left out here, and that run says
     * what is wrong with it.
     */
    private static ProjectCalls calls(StackFiles files, List<String> clusters) {
        var namespaces = new TreeMap<String, Set<String>>();
        var callers = new TreeMap<String, List<CallerRule>>();
        for (String cluster : clusters) {
            JsonNode services = json(files.value(cluster, ConfigSchema.SERVICES.name()));
            var workloads = new TreeSet<String>();
            var rules = new ArrayList<CallerRule>();
            if (services.isArray() && !services.isEmpty()) {
                for (JsonNode service : services) {
                    workloads.add(service.path("namespace").asText(ServiceConfig.DEFAULT_NAMESPACE));
                    service.path("callers").forEach(caller -> callerRule(caller).ifPresent(rules::add));
                }
            } else {
                workloads.add(Workload.DEMO_NAMESPACE);
                json(files.value(cluster, ConfigSchema.ALLOWED_CALLERS.name()))
                        .forEach(caller -> callerRule(caller).ifPresent(rules::add));
            }
            namespaces.put(cluster, workloads);
            callers.put(cluster, rules);
        }
        return new ProjectCalls(namespaces, callers);
    }

    private static JsonNode json(Optional<String> value) {
        try {
            return value.isEmpty() ? MissingNode.getInstance() : Mappers.JSON.readTree(value.get());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static Optional<CallerRule> callerRule(JsonNode caller) {
        String[] parts = caller.asText("").split("/", -1);
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
                ? Optional.of(new CallerRule(parts[0], parts[1]))
                : Optional.empty();
    }

    /**
     * The decision itself, from values alone.
     *
     * @param key            the fully qualified {@code environmentStack} key, for messages
     * @param projectDefault its value in {@code Pulumi.yaml} (the program's default when Pulumi.yaml has none)
     * @param effective      each stack with a settings file, to the {@code environmentStack} its program gets
     */
    public static ProjectStacks decide(String key, String projectDefault, Map<String, String> effective) {
        if (effective.isEmpty()) {
            checkName(key, projectDefault, "Pulumi.yaml");
            return new ProjectStacks(projectDefault, List.of());
        }
        // Files grouped by the environment they name, in stack order.
        var filesByValue = new TreeMap<String, List<String>>();
        new TreeMap<>(effective)
                .forEach((stack, value) -> filesByValue
                        .computeIfAbsent(value, v -> new ArrayList<>())
                        .add(StackFiles.fileName(stack)));
        if (filesByValue.size() > 1) {
            var groups = new ArrayList<String>();
            filesByValue.forEach((value, files) -> groups.add(String.join(", ", files)
                    + (files.size() > 1 ? " name \"" : " names \"") + value + "\""
                    + (value.equals(projectDefault) ? " (the Pulumi.yaml default)" : "")));
            throw new ConfigException("the stack files disagree on " + key
                    + ", which decides which stack is the environment: "
                    + String.join(" but ", groups) + "; set it once, as the default in Pulumi.yaml"
                    + ", or to the same value in every stack file");
        }
        String environment = filesByValue.firstKey();
        List<String> naming = filesByValue.firstEntry().getValue();
        String files = String.join(", ", naming);
        checkName(key, environment, files);
        if (!effective.containsKey(environment) && !environment.equals(projectDefault)) {
            throw new ConfigException(
                    files + (naming.size() > 1 ? " name" : " names") + " \"" + environment + "\" with "
                            + key + ", but there is no "
                            + StackFiles.fileName(environment) + ", so stack " + environment + " would get the"
                            + " Pulumi.yaml default \"" + projectDefault
                            + "\" and build a cluster; set the default in"
                            + " Pulumi.yaml to \"" + environment + "\", or add "
                            + StackFiles.fileName(environment)
                            + " setting it");
        }
        var clusters = new ArrayList<String>(new TreeMap<>(effective).keySet());
        clusters.remove(environment);
        return new ProjectStacks(environment, clusters);
    }

    private static void checkName(String key, String environment, String where) {
        NameRules.stackName(environment).ifPresent(p -> {
            throw new ConfigException(key + "=\"" + environment + "\" (" + where + "): " + p);
        });
    }
}
