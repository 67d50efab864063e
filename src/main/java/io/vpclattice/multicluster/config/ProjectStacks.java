package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.config.cli.PulumiProject;
import io.vpclattice.multicluster.config.cli.StackSettings;
import io.vpclattice.multicluster.naming.NameRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

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
 */
public record ProjectStacks(String environment, List<String> clusters, ClusterAccounts accounts) {
    public ProjectStacks {
        clusters = List.copyOf(clusters);
    }

    public ProjectStacks(String environment, List<String> clusters) {
        this(environment, clusters, new ClusterAccounts(Map.of(), Set.copyOf(clusters)));
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
     * Decides from {@code Pulumi.yaml} and every {@code Pulumi.<stack>.yaml}, each read with the CLI's rules.
     *
     * @param stackNames every stack with a settings file
     * @param settingsOf a stack's settings as the CLI would hand them over
     * @throws ConfigException when the stack files disagree, in one line naming the files, the key and the values
     * @throws io.vpclattice.multicluster.config.cli.PulumiLoadException when the CLI would refuse one of the files
     */
    public static ProjectStacks read(
            PulumiProject project, Set<String> stackNames, Function<String, StackSettings> settingsOf) {
        String key = project.qualified(ConfigSchema.ENVIRONMENT_STACK.name());
        var effective = new TreeMap<String, String>();
        for (String stack : stackNames) {
            StackSettings settings = settingsOf.apply(stack);
            if (settings.secretKeys().contains(key)) {
                throw new ConfigException(key + " in " + StackSettings.fileName(stack)
                        + " is encrypted; it decides which stack is the environment, so it must be plain text");
            }
            effective.put(stack, settings.values().getOrDefault(key, projectDefault(project)));
        }
        var decided = decide(key, projectDefault(project), effective);
        String accountKey = project.qualified(ConfigSchema.ACCOUNT_ID.name());
        var accounts = new TreeMap<String, String>();
        for (String cluster : decided.clusters()) {
            StackSettings settings = settingsOf.apply(cluster);
            if (settings.secretKeys().contains(accountKey)) {
                throw new ConfigException(
                        accountKey + " in " + StackSettings.fileName(cluster)
                                + " is encrypted; every stack reads it to name that cluster's account, so it must be plain text");
            }
            String account = settings.values().getOrDefault(accountKey, "");
            ClusterAccounts.problem(account).ifPresent(problem -> {
                throw new ConfigException(
                        accountKey + "=\"" + account + "\" (" + StackSettings.fileName(cluster) + "): " + problem);
            });
            if (!account.isEmpty()) {
                accounts.put(cluster, account);
            }
        }
        return new ProjectStacks(
                decided.environment(),
                decided.clusters(),
                new ClusterAccounts(accounts, Set.copyOf(decided.clusters())));
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
            checkName(key, projectDefault, PulumiProject.FILE_NAME);
            return new ProjectStacks(projectDefault, List.of());
        }
        // Files grouped by the environment they name, in stack order.
        var filesByValue = new TreeMap<String, List<String>>();
        new TreeMap<>(effective)
                .forEach((stack, value) -> filesByValue
                        .computeIfAbsent(value, v -> new ArrayList<>())
                        .add(StackSettings.fileName(stack)));
        if (filesByValue.size() > 1) {
            var groups = new ArrayList<String>();
            filesByValue.forEach((value, files) -> groups.add(String.join(", ", files)
                    + (files.size() > 1 ? " name \"" : " names \"") + value + "\""
                    + (value.equals(projectDefault) ? " (the " + PulumiProject.FILE_NAME + " default)" : "")));
            throw new ConfigException("the stack files disagree on " + key
                    + ", which decides which stack is the environment: "
                    + String.join(" but ", groups) + "; set it once, as the default in " + PulumiProject.FILE_NAME
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
                            + StackSettings.fileName(environment) + ", so stack " + environment + " would get the "
                            + PulumiProject.FILE_NAME + " default \"" + projectDefault
                            + "\" and build a cluster; set the default in "
                            + PulumiProject.FILE_NAME + " to \"" + environment + "\", or add "
                            + StackSettings.fileName(environment)
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

    /** The {@code environmentStack} default of {@code Pulumi.yaml}, or the program's when it declares none. */
    private static String projectDefault(PulumiProject project) {
        String key = project.qualified(ConfigSchema.ENVIRONMENT_STACK.name());
        return project.config().entrySet().stream()
                .filter(entry -> project.qualified(entry.getKey()).equals(key))
                .map(Map.Entry::getValue)
                .map(declaration ->
                        declaration.defaultValue() != null ? declaration.defaultValue() : declaration.value())
                .filter(value -> value != null)
                .map(String::valueOf)
                .findFirst()
                .orElse((String) ConfigSchema.ENVIRONMENT_STACK.defaultValue());
    }
}
