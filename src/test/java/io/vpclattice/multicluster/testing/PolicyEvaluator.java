package io.vpclattice.multicluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides one request against one policy document the way IAM's evaluation logic does for the parts this
 * project's policies use (AWS "Policy evaluation logic": an explicit Deny wins, then an Allow, else the implicit
 * deny): {@code Principal} ({@code *}, account roots, role ARNs, services), {@code Action} and {@code Resource}
 * with {@code *} wildcards, and the condition operators StringEquals, StringLike and ArnEquals, also as
 * {@code ForAllValues:} and {@code ForAnyValue:} set operators. A resource-based policy that names an account root
 * admits every principal of that account (the account's own IAM then decides).
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {}

    public enum Decision {
        ALLOW,
        EXPLICIT_DENY,
        IMPLICIT_DENY
    }

    /**
     * @param principal     who calls: an IAM role or user ARN, or {@code service:<name>} for an AWS service
     * @param context       condition keys of the request, each with its values (one for single-valued keys)
     */
    public record Request(String principal, String action, String resource, Map<String, List<String>> context) {}

    public static Decision evaluate(String policy, Request request) {
        boolean allowed = false;
        for (JsonNode statement : PolicyJson.statements(policy)) {
            if (applies(statement, request)) {
                if ("Deny".equals(statement.get("Effect").asText())) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean applies(JsonNode statement, Request request) {
        return principalMatches(statement.get("Principal"), request.principal())
                && PolicyJson.texts(statement.get("Action")).stream().anyMatch(a -> glob(a, request.action()))
                && (statement.get("Resource") == null
                        || PolicyJson.texts(statement.get("Resource")).stream()
                                .anyMatch(r -> glob(r, request.resource())))
                && conditionsHold(statement.get("Condition"), request.context());
    }

    private static boolean principalMatches(JsonNode principal, String caller) {
        if (principal == null) {
            return true; // identity policies have none
        }
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        for (String arn : PolicyJson.texts(principal.get("AWS"))) {
            if (arn.equals("*")
                    || arn.equals(caller)
                    || (arn.endsWith(":root")
                            && !caller.startsWith("service:")
                            && account(arn).equals(account(caller)))) {
                return true;
            }
        }
        return PolicyJson.texts(principal.get("Service")).stream()
                .anyMatch(service -> caller.equals("service:" + service));
    }

    private static boolean conditionsHold(JsonNode conditions, Map<String, List<String>> context) {
        if (conditions == null) {
            return true;
        }
        var operators = conditions.fieldNames();
        while (operators.hasNext()) {
            String operator = operators.next();
            var keys = conditions.get(operator).fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!holds(
                        operator,
                        PolicyJson.texts(conditions.get(operator).get(key)).stream()
                                .toList(),
                        context.getOrDefault(key, List.of()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, List<String> expected, List<String> actual) {
        String set = operator.contains(":") ? operator.substring(0, operator.indexOf(':')) : "";
        String base = operator.substring(operator.indexOf(':') + 1);
        return switch (set) {
            // True for an empty set too: that is why IAM warns about ForAllValues with Allow.
            case "ForAllValues" -> actual.stream().allMatch(value -> matchesAny(base, expected, value));
            case "ForAnyValue" -> actual.stream().anyMatch(value -> matchesAny(base, expected, value));
            // A single-valued key: absent means the condition fails.
            default -> actual.size() == 1 && matchesAny(base, expected, actual.get(0));
        };
    }

    private static boolean matchesAny(String operator, List<String> expected, String value) {
        return expected.stream().anyMatch(pattern -> switch (operator) {
            case "StringEquals", "ArnEquals" -> pattern.equals(value);
            case "StringLike", "ArnLike" -> glob(pattern, value);
            default -> throw new IllegalArgumentException("condition operator not modelled: " + operator);
        });
    }

    private static boolean glob(String pattern, String value) {
        var regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            regex.append(
                    switch (c) {
                        case '*' -> ".*";
                        case '?' -> ".";
                        default -> Pattern.quote(String.valueOf(c));
                    });
        }
        return value.matches(regex.toString());
    }

    private static String account(String arn) {
        String[] parts = arn.split(":", -1);
        return parts.length > 4 ? parts[4] : "";
    }

    /** A call to a Lattice service from a pod whose Pod Identity session runs in {@code account}. */
    public static Request latticeCall(String account, String eksCluster, String namespace) {
        return new Request(
                "arn:aws:sts::" + account + ":assumed-role/client/pod",
                Policies.LATTICE_INVOKE,
                "*",
                podSession(account, eksCluster, namespace, List.of()));
    }

    /** Convenience: the request context of a pod's Pod Identity session in one account. */
    public static Map<String, List<String>> podSession(
            String account, String eksCluster, String namespace, List<String> organizationIds) {
        var context = new java.util.HashMap<String, List<String>>();
        context.put("aws:PrincipalAccount", List.of(account));
        context.put("aws:PrincipalTag/eks-cluster-name", List.of(eksCluster));
        context.put("aws:PrincipalTag/kubernetes-namespace", List.of(namespace));
        if (!organizationIds.isEmpty()) {
            context.put("aws:PrincipalOrgID", new ArrayList<>(organizationIds));
        }
        return context;
    }
}
