package io.vpclattice.multicluster.stacks;

import io.vpclattice.multicluster.policies.DeployerPermissions;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the deployer of a stack needs in AWS, from the resource types its plan registers and the data sources it
 * reads ({@link DeployerPermissions}), by kind of stack: the environment, a cluster in the environment's account,
 * a cluster in another account. Derived from plans, it cannot fall behind what the program creates.
 */
public final class DeployerPolicy {
    private DeployerPolicy() {}

    /** The kinds of stack, each with its own deployer. */
    public enum Kind {
        ENVIRONMENT("environment"),
        HOME_CLUSTER("home cluster"),
        MEMBER_CLUSTER("member cluster");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Where the generated section lives. */
    public static final String DOCUMENT = "docs/multi-account.md";

    public static final String README_BEGIN =
            "<!-- deployer-permissions:begin (generated from the plans of examples/two-accounts: permissions --write) -->";
    public static final String README_END = "<!-- deployer-permissions:end -->";

    /** The role each Kubernetes token is taken as, from a cluster's {@code kubernetesIdentity} output. */
    private static final Pattern ROLE_ARN = Pattern.compile("--role-arn (\\S+)");

    /**
     * @param account            the account the stack runs in (a cluster's {@code account} output)
     * @param environmentAccount the environment's
     */
    public static Kind kind(boolean environment, String account, String environmentAccount) {
        if (environment) {
            return Kind.ENVIRONMENT;
        }
        return account.equals(environmentAccount) ? Kind.HOME_CLUSTER : Kind.MEMBER_CLUSTER;
    }

    /** The role the kubeconfig assumes, read from a cluster's {@code kubernetesIdentity} output. */
    public static Optional<String> kubeconfigRole(Object kubernetesIdentity) {
        if (!(kubernetesIdentity instanceof String command)) {
            return Optional.empty();
        }
        var matcher = ROLE_ARN.matcher(command);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static SortedSet<String> unknownTypes(Collection<String> types) {
        return DeployerPermissions.unknown(types);
    }

    public static SortedSet<String> actions(Collection<String> types) {
        return DeployerPermissions.actions(types);
    }

    public static SortedSet<String> serviceLinkedRoles(Collection<String> types) {
        return DeployerPermissions.serviceLinkedRoles(types);
    }

    /** The deployer's IAM policy as JSON. */
    public static String json(Collection<String> types, Optional<String> kubeconfigRole) {
        return DeployerPermissions.policy(types, kubeconfigRole);
    }

    /**
     * The README section: per kind of stack, its actions grouped by service.
     *
     * @param typesByKind the resource types and data sources of each kind's plans
     */
    public static String readmeSection(Map<Kind, ? extends Collection<String>> typesByKind) {
        var out = new StringBuilder();
        out.append("What the identity that runs `pulumi up`, `refresh` and `destroy` needs in AWS, for each kind of"
                + " stack, derived from the resource types its plan registers (`java -jar"
                + " target/vpc-lattice-multicluster.jar permissions --stack <stack>` prints one stack's policy as IAM"
                + " JSON, with `sts:AssumeRole` on the role its kubeconfig assumes, if any):\n\n");
        out.append("| stack | IAM actions (on `*`) | `iam:CreateServiceLinkedRole` for |\n|---|---|---|\n");
        for (Kind kind : Kind.values()) {
            var types = typesByKind.get(kind);
            if (types == null) {
                continue;
            }
            var byService = new TreeMap<String, SortedSet<String>>();
            for (String action : actions(types)) {
                int colon = action.indexOf(':');
                byService
                        .computeIfAbsent(action.substring(0, colon), s -> new TreeSet<>())
                        .add(action.substring(colon + 1));
            }
            out.append("| ")
                    .append(kind.label)
                    .append(" | ")
                    .append(byService.entrySet().stream()
                            .map(e -> "`" + e.getKey() + "`: " + String.join(", ", e.getValue()))
                            .collect(Collectors.joining("<br>")))
                    .append(" | ")
                    .append(serviceLinkedRoles(types).stream()
                            .map(service -> "`" + service + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** {@code text} with the section between {@link #README_BEGIN} and {@link #README_END} replaced. */
    public static String rewriteReadme(String text, String section) {
        int begin = text.indexOf(README_BEGIN);
        int end = text.indexOf(README_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(DOCUMENT + " has no " + README_BEGIN + " ... " + README_END
                    + " markers: put them where the section belongs");
        }
        return text.substring(0, begin + README_BEGIN.length()) + "\n" + section + text.substring(end);
    }
}
