package io.vpclattice.multicluster.naming;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax rules of the names AWS and Kubernetes check. Each rule returns what is expected when the value
 * breaks it, so config validation can name the key, the value and the fix in one line.
 */
public final class NameRules {
    private NameRules() {}

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern PREFIX = Pattern.compile("[a-z]([a-z0-9-]*[a-z0-9])?");
    /** distribution/reference grammar: an optional registry host, then path components, tag and digest. */
    private static final Pattern IMAGE = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\\d+)?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?");

    /** Longest cluster stack name: the controller names the Lattice service after the first 20 characters of {@code demo-<cluster>}. */
    public static final int MAX_CLUSTER_NAME = 15;
    /** Longest environment name: IAM role names {@code <environment>-<cluster>-gateway-controller} must fit in 64. */
    public static final int MAX_ENVIRONMENT_NAME = 24;

    public static Optional<String> region(String value) {
        return REGION.matcher(value).matches()
                ? Optional.empty()
                : Optional.of("expected an AWS region name such as eu-west-1");
    }

    public static Optional<String> stackName(String value) {
        return STACK_NAME.matcher(value).matches()
                ? Optional.empty()
                : Optional.of("expected a Pulumi stack name (letters, digits, '_', '.', '-')");
    }

    public static Optional<String> environmentName(String value) {
        if (value.length() > MAX_ENVIRONMENT_NAME || !PREFIX.matcher(value).matches() || value.contains("--")) {
            return Optional.of("expected lowercase letters, digits and single hyphens, starting with a letter, at most "
                    + MAX_ENVIRONMENT_NAME + " characters (IAM role names are built from it)");
        }
        return Optional.empty();
    }

    /** A cluster stack name becomes {@code eks-<name>}, {@code demo-<name>-v1} and the DNS label {@code demo-<name>}. */
    public static Optional<String> clusterName(String value) {
        if (value.length() > MAX_CLUSTER_NAME || !PREFIX.matcher(value).matches() || value.contains("--")) {
            return Optional.of(
                    "expected lowercase letters, digits and single hyphens, starting with a letter, at most "
                            + MAX_CLUSTER_NAME
                            + " characters (it names the EKS cluster, Kubernetes objects, a DNS label and the Lattice service)");
        }
        return Optional.empty();
    }

    public static Optional<String> namespace(String value) {
        return DNS_LABEL.matcher(value).matches()
                ? Optional.empty()
                : Optional.of(
                        "expected a Kubernetes namespace name (lowercase letters, digits, '-', at most 63 characters)");
    }

    /** A private domain for the zone and for {@code *.<domain>} on the certificate. */
    public static Optional<String> domain(String value) {
        String expected = "expected a lowercase DNS domain with at least two labels, such as vpc-lattice-octank.io";
        if (value.isEmpty() || value.length() > 200 || value.endsWith(".")) {
            return Optional.of(expected);
        }
        String[] labels = value.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of(expected);
        }
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return Optional.of(expected);
            }
        }
        return Optional.empty();
    }

    /** VPC Lattice service network names; the name is also the Kubernetes Gateway's name. */
    public static Optional<String> serviceNetworkName(String value) {
        if (value.length() < 3
                || value.length() > 63
                || !DNS_LABEL.matcher(value).matches()
                || value.contains("--")
                || value.startsWith("sn-")) {
            return Optional.of(
                    "expected 3 to 63 lowercase letters, digits and single hyphens, not starting with 'sn-'");
        }
        return Optional.empty();
    }

    public static Optional<String> containerImage(String value) {
        return IMAGE.matcher(value).matches()
                ? Optional.empty()
                : Optional.of("expected a container image reference such as public.ecr.aws/org/name:tag or nginx:1.27");
    }
}
