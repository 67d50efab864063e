package io.vpclattice.multicluster.naming;

import java.nio.charset.StandardCharsets;

/**
 * Lengths as the Terraform provider counts them: its {@code StringLenBetween} validators use Go's {@code len}, the
 * number of UTF-8 bytes, so {@code Ö} counts two where Java's {@code String.length()} counts one.
 */
public final class Octets {
    private Octets() {}

    /** The number of bytes of {@code value} in UTF-8. */
    public static int of(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
