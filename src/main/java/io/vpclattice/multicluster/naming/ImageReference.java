package io.vpclattice.multicluster.naming;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Container image references as {@code distribution/reference} (v0.6.0, {@code reference.go} and {@code regexp.go})
 * parses them, with the lengths registries and their clients allow. Lengths are checked before the pattern, so a
 * reference of 5,000 characters is refused at once and by its length.
 */
public final class ImageReference {
    private ImageReference() {}

    /**
     * The longest {@code host[:port]/path} before the tag: the OCI distribution spec (spec.md, "Implementers note")
     * says many clients limit the concatenation of the registry hostname (and port), {@code /} and the repository
     * name to 255 characters; distribution/reference limits the path alone to 255 ({@code
     * RepositoryNameTotalLengthMax}). The stricter of the two.
     */
    public static final int MAX_NAME = 255;
    /** distribution/reference {@code tag := /[\w][\w.-]{0,127}/}. */
    public static final int MAX_TAG = 128;
    /** RFC 1035 2.3.4: a DNS label has at most 63 octets, so a registry host with a longer one cannot resolve. */
    public static final int MAX_HOST_LABEL = 63;
    /** The digest this program accepts: {@code @sha256:} and 64 hex digits. */
    private static final String DIGEST = "@sha256:[0-9a-f]{64}";
    /** The longest reference the rules above allow: name, {@code :tag} and {@code @sha256:<64 hex>} (456). */
    public static final int MAX_REFERENCE = MAX_NAME + 1 + MAX_TAG + "@sha256:".length() + 64;

    /** distribution/reference grammar: an optional registry host, then path components, tag and digest. */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\\d+)?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:" + DIGEST + ")?");

    private static final String EXPECTED =
            "expected a container image reference such as public.ecr.aws/org/name:tag or nginx:1.27";

    /** @return what is expected, if {@code value} is not a reference that a registry and its clients accept */
    public static Optional<String> problem(String value) {
        if (value.length() > MAX_REFERENCE) {
            return Optional.of(EXPECTED + ", at most " + MAX_REFERENCE + " characters (repository " + MAX_NAME
                    + ", tag " + MAX_TAG + ", sha256 digest), not " + value.length());
        }
        String name = name(value);
        if (name.length() > MAX_NAME) {
            return Optional.of(EXPECTED + ": registry host and repository \"" + abbreviate(name) + "\" are "
                    + name.length() + " characters; registry clients allow " + MAX_NAME
                    + " (OCI distribution spec, distribution/reference)");
        }
        if (!REFERENCE.matcher(value).matches()) {
            return Optional.of(EXPECTED);
        }
        for (String label : host(name).split("\\.", -1)) {
            if (label.length() > MAX_HOST_LABEL) {
                return Optional.of(EXPECTED + ": the registry host has a label of " + label.length()
                        + " characters; DNS allows " + MAX_HOST_LABEL + " (RFC 1035)");
            }
        }
        return Optional.empty();
    }

    /** The reference without its digest and tag: {@code [host[:port]/]path}. */
    static String name(String value) {
        int at = value.indexOf('@');
        String withoutDigest = at < 0 ? value : value.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    /**
     * The registry host without its port, or empty: as distribution/reference's {@code splitDockerDomain}
     * (normalize.go) decides, the first of several components is a host when it has a dot or a port, or is {@code
     * localhost}; otherwise it is a path component, which has no length of its own.
     */
    static String host(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String first = name.substring(0, slash);
        if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
            return "";
        }
        int port = first.indexOf(':');
        return port < 0 ? first : first.substring(0, port);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
