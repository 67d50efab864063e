package io.vpclattice.multicluster.network;

import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 network in CIDR notation whose host bits are zero. */
public record Ipv4Cidr(long network, int prefixLength) {
    private static final Pattern SHAPE =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
        }
        if (network < 0 || network > 0xFFFF_FFFFL || (network & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("not a network address for /" + prefixLength + ": " + network);
        }
    }

    /** Parses {@code a.b.c.d/n}; empty when the text is not an IPv4 CIDR with zero host bits. */
    public static Optional<Ipv4Cidr> parse(String text) {
        return address(text).filter(a -> (a[0] & ~mask((int) a[1])) == 0).map(a -> new Ipv4Cidr(a[0], (int) a[1]));
    }

    /** Like {@link #parse} but throws, for values that are known to be valid. */
    public static Ipv4Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IPv4 CIDR: " + text));
    }

    /** The network with host bits cleared, to suggest a fix for {@code 10.0.1.0/16}. */
    public static Optional<String> aligned(String text) {
        return address(text).map(a -> new Ipv4Cidr(a[0] & mask((int) a[1]), (int) a[1]).toString());
    }

    /** Address and prefix length of {@code a.b.c.d/n}, host bits and all; empty when malformed. */
    private static Optional<long[]> address(String text) {
        var m = SHAPE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        return prefix > 32 ? Optional.empty() : Optional.of(new long[] {address, prefix});
    }

    /** Terraform's {@code cidrsubnet(this, newBits, index)}. */
    public Ipv4Cidr subnet(int newBits, int index) {
        int prefix = prefixLength + newBits;
        if (newBits < 0 || prefix > 32) {
            throw new IllegalArgumentException("cannot add " + newBits + " bits to /" + prefixLength);
        }
        if (index < 0 || index >= (1L << newBits)) {
            throw new IllegalArgumentException("subnet index " + index + " does not fit in " + newBits + " bits");
        }
        return new Ipv4Cidr(network + ((long) index << (32 - prefix)), prefix);
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public long lastAddress() {
        return network + size() - 1;
    }

    public boolean contains(Ipv4Cidr other) {
        return other.prefixLength >= prefixLength && other.network >= network && other.lastAddress() <= lastAddress();
    }

    public boolean overlaps(Ipv4Cidr other) {
        return network <= other.lastAddress() && other.network <= lastAddress();
    }

    @Override
    public String toString() {
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                + (network & 255) + "/" + prefixLength;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }
}
