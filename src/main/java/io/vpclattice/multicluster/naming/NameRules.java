package io.vpclattice.multicluster.naming;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax rules of the names AWS and Kubernetes check. Each rule returns what is expected when the value
 * breaks it, so config validation can name the key, the value and the fix in one line.
 */
public final class NameRules {
    private NameRules() {}

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern PREFIX = Pattern.compile("[a-z]([a-z0-9-]*[a-z0-9])?");

    /** Longest cluster stack name: the controller names the Lattice service after the first 20 characters of {@code demo-<cluster>}. */
    public static final int MAX_CLUSTER_NAME = 15;
    /** Longest environment name: IAM role names {@code <environment>-<cluster>-gateway-controller} must fit in 64. */
    public static final int MAX_ENVIRONMENT_NAME = 24;

    /**
     * A region some AWS partition has ({@link AwsRegions}): a well-formed name such as {@code eu-west-9} that no
     * partition has fails only at the first AWS call, after Pulumi has started.
     */
    public static Optional<String> region(String value) {
        if (AwsRegions.exists(value)) {
            return Optional.empty();
        }
        return Optional.of("expected an AWS region name such as eu-west-1, of a region an AWS partition has"
                + AwsRegions.nearest(value)
                        .map(near -> " (did you mean " + near + "?)")
                        .orElse(
                                REGION.matcher(value).matches()
                                        ? " (no partition has this one in the program's list of "
                                                + AwsRegions.class.getSimpleName()
                                                + "; add it there if AWS opened it since)"
                                        : ""));
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

    /**
     * Longest domain, in octets: the domain is the root CA's subject common name (terraform-provider-aws
     * internal/service/acmpca/certificate_authority.go, {@code subject.common_name}: {@code StringLenBetween(0, 64)},
     * which counts bytes; ACM PCA ASN1Subject CommonName: 64) and the certificate's first domain name (ACM
     * RequestCertificate, DomainName: "cannot exceed 64 octets (characters), including periods"), also when an
     * existing CA issues the certificate. {@code *.<domain>} then has 66, within the 253 of a SAN.
     */
    public static final int MAX_DOMAIN_OCTETS = 64;

    /**
     * A private domain for the zone and for {@code *.<domain>} on the certificate: at most {@link #MAX_DOMAIN_OCTETS},
     * DNS labels of at most 63 characters, and a last label of at least two, as the DomainNameString pattern of ACM
     * RequestCertificate requires ({@code ((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])} at the end).
     */
    public static Optional<String> domain(String value) {
        String expected = "expected a lowercase DNS domain with at least two labels, such as vpc-lattice-octank.io";
        if (Octets.of(value) > MAX_DOMAIN_OCTETS) {
            return Optional.of(expected + ", at most " + MAX_DOMAIN_OCTETS + " characters, not " + Octets.of(value)
                    + ": it is the private CA's subject common name and the certificate's first domain name,"
                    + " which AWS limits to 64 octets (ACM RequestCertificate; the provider's"
                    + " subject.common_name validator)");
        }
        if (value.isEmpty() || value.endsWith(".")) {
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
        if (labels[labels.length - 1].length() < 2) {
            return Optional.of(expected + ", whose last label has at least two characters (ACM's domain name pattern)");
        }
        return Optional.empty();
    }

    /**
     * Longest organisation, in bytes of UTF-8: the provider validates the root CA's {@code subject.organization}
     * with {@code StringLenBetween(0, 64)} (terraform-provider-aws internal/service/acmpca/certificate_authority.go),
     * and Go's {@code len} counts bytes, so 40 characters {@code Ö} (80 bytes) are refused.
     */
    public static final int MAX_ORGANIZATION_OCTETS = 64;

    /** The organisation (O) of the root CA's subject: printable, 1 to {@link #MAX_ORGANIZATION_OCTETS} bytes. */
    public static Optional<String> organization(String value) {
        String expected = "expected 1 to " + MAX_ORGANIZATION_OCTETS + " bytes of printable text";
        if (value.isBlank() || value.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(expected);
        }
        int octets = Octets.of(value);
        if (octets > MAX_ORGANIZATION_OCTETS) {
            return Optional.of(expected + ", not " + octets + " (" + value.length() + " characters; UTF-8 takes two"
                    + " or more bytes for a character outside ASCII): the provider's validator of the CA subject's"
                    + " organization counts bytes (StringLenBetween(0, 64))");
        }
        return Optional.empty();
    }

    /**
     * Prefixes a service network name may not have: {@code servicenetwork-} is reserved by the CloudFormation schema of
     * AWS::VpcLattice::ServiceNetwork (Name pattern {@code ^(?!servicenetwork-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$});
     * {@code sn-} is the prefix of service network ids ({@code ^sn-[0-9a-z]{17}$}), which Lattice's identifier
     * parameters take beside ARNs, so a name that looks like an id is refused too.
     */
    public static final List<String> RESERVED_SERVICE_NETWORK_PREFIXES = List.of("servicenetwork-", "sn-");

    /**
     * VPC Lattice service network names (Lattice API ServiceNetworkName: 3 to 63, {@code
     * (?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+}; the provider checks only {@code StringLenBetween(3, 63)}); the name is
     * also the Kubernetes Gateway's name and ends the access log group's name.
     */
    public static Optional<String> serviceNetworkName(String value) {
        if (value.length() < 3
                || value.length() > 63
                || !DNS_LABEL.matcher(value).matches()
                || value.contains("--")
                || RESERVED_SERVICE_NETWORK_PREFIXES.stream().anyMatch(value::startsWith)) {
            return Optional.of("expected 3 to 63 lowercase letters, digits and single hyphens, not starting with "
                    + String.join(
                            " or ",
                            RESERVED_SERVICE_NETWORK_PREFIXES.stream()
                                    .map(prefix -> "'" + prefix + "'")
                                    .toList())
                    + " (reserved by VPC Lattice)");
        }
        return Optional.empty();
    }

    /** See {@link ImageReference}: the grammar of distribution/reference and the lengths registries allow. */
    public static Optional<String> containerImage(String value) {
        return ImageReference.problem(value);
    }
}
