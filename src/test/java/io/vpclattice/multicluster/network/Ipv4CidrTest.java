package io.vpclattice.multicluster.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4CidrTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/16", "0.0.0.0/0", "192.168.255.0/24", "203.0.113.7/32", "172.16.0.0/12"})
    void parsesNetworksAndPrintsThemBack(String text) {
        assertEquals(text, Ipv4Cidr.of(text).toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "10.0.0.0",
                "10.0.0.0/33",
                "256.0.0.0/8",
                "10.0.0/16",
                "10.0.0.1/16",
                "010.0.0.0/8",
                "10.0.0.0/-1",
                " 10.0.0.0/16x",
                "a.b.c.d/8"
            })
    void rejectsWhatIsNotANetwork(String text) {
        assertEquals(Optional.empty(), Ipv4Cidr.parse(text));
    }

    @Test
    void suggestsTheNetworkWhenHostBitsAreSet() {
        assertEquals(Optional.of("10.0.0.0/16"), Ipv4Cidr.aligned("10.0.1.0/16"));
        assertEquals(Optional.empty(), Ipv4Cidr.aligned("10.0.0.0/40"));
    }

    @Test
    void subnetsFollowTerraformsCidrsubnet() {
        var vpc = Ipv4Cidr.of("10.0.0.0/16");
        assertEquals("10.0.16.0/20", vpc.subnet(4, 1).toString());
        assertEquals("10.0.48.0/24", vpc.subnet(8, 48).toString());
        assertEquals("10.0.255.0/24", vpc.subnet(8, 255).toString());
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(8, 256));
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(17, 0));
    }

    @Test
    void containmentAndOverlap() {
        var vpc = Ipv4Cidr.of("10.0.0.0/16");
        assertTrue(vpc.contains(Ipv4Cidr.of("10.0.255.0/24")));
        assertFalse(vpc.contains(Ipv4Cidr.of("10.1.0.0/24")));
        assertFalse(Ipv4Cidr.of("10.0.0.0/24").contains(vpc));
        assertTrue(vpc.overlaps(Ipv4Cidr.of("10.0.0.0/8")));
        assertFalse(Ipv4Cidr.of("10.0.0.0/24").overlaps(Ipv4Cidr.of("10.0.1.0/24")));
    }

    @Test
    void theEdgesOfTheAddressSpaceAndOfThePrefix() {
        assertEquals("255.255.255.255/32", Ipv4Cidr.of("255.255.255.255/32").toString());
        assertEquals(0xFFFF_FFFFL, Ipv4Cidr.of("255.255.255.255/32").lastAddress());
        assertEquals(1L << 32, Ipv4Cidr.of("0.0.0.0/0").size());
        assertEquals(Optional.empty(), Ipv4Cidr.parse(null));
        assertEquals(Optional.empty(), Ipv4Cidr.aligned("256.0.0.0/8"), "an octet over 255 is no address");
        assertEquals(Optional.empty(), Ipv4Cidr.aligned("10.0.0.300/8"));
        assertEquals(Optional.empty(), Ipv4Cidr.aligned("10.0.00.0/8"), "no leading zeros");
        assertEquals(Optional.of("0.0.0.0/0"), Ipv4Cidr.aligned("10.1.2.3/0"));
        var error = assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.of("10.0.0.1/16"));
        assertEquals("not an IPv4 CIDR: 10.0.0.1/16", error.getMessage());
    }

    /** {@code expected} is what {@code action} gives, or the message of the IllegalArgumentException it throws. */
    private static void assertGivesOrRefuses(String expected, Supplier<Object> action) {
        String actual;
        try {
            actual = String.valueOf(action.get());
        } catch (IllegalArgumentException e) {
            actual = e.getMessage();
        }
        assertEquals(expected, actual);
    }

    /** The record holds only networks: a prefix of 0 to 32 and no host bits, whoever builds it. */
    @ParameterizedTest(name = "{0}/{1}: {2}")
    @CsvSource({
        "0,          0,  0.0.0.0/0",
        "0,          32, 0.0.0.0/32",
        "4294967295, 32, 255.255.255.255/32",
        "0,          -1, 'prefix length must be 0..32, got -1'",
        "0,          33, 'prefix length must be 0..32, got 33'",
        "167772416,  16, not a network address for /16: 167772416",
        "4294967296, 0,  not a network address for /0: 4294967296",
        "-1,         32, not a network address for /32: -1"
    })
    void theRecordRefusesWhatIsNotANetwork(long network, int prefixLength, String expected) {
        assertGivesOrRefuses(expected, () -> new Ipv4Cidr(network, prefixLength));
    }

    @ParameterizedTest(name = "{0}.subnet({1}, {2}) = {3}")
    @CsvSource({
        "10.0.0.0/16, 0,  0,     10.0.0.0/16",
        "10.0.0.0/16, 16, 0,     10.0.0.0/32",
        "10.0.0.0/16, 16, 65535, 10.0.255.255/32",
        "10.0.0.0/16, 17, 0,     cannot add 17 bits to /16",
        "10.0.0.0/16, -1, 0,     cannot add -1 bits to /16",
        "10.0.0.0/16, 8,  -1,    subnet index -1 does not fit in 8 bits",
        "10.0.0.0/16, 8,  256,   subnet index 256 does not fit in 8 bits",
        "10.0.0.0/16, 0,  1,     subnet index 1 does not fit in 0 bits"
    })
    void subnetsAtTheirLimits(String vpc, int newBits, int index, String expected) {
        var cidr = Ipv4Cidr.of(vpc);
        assertGivesOrRefuses(expected, () -> cidr.subnet(newBits, index));
    }

    /** Ranges that share only their first or last address overlap; a range contains itself. */
    @ParameterizedTest(name = "{0} and {1}: contains {2}, overlaps {3}")
    @CsvSource({
        "10.0.0.0/24, 10.0.0.0/24,   true,  true",
        "10.0.0.0/24, 10.0.0.0/32,   true,  true",
        "10.0.0.0/24, 10.0.0.255/32, true,  true",
        "10.0.0.0/24, 10.0.1.0/32,   false, false",
        "10.0.0.0/24, 9.255.255.255/32, false, false",
        "10.0.0.0/24, 10.0.0.0/23,   false, true",
        "10.0.1.0/24, 10.0.0.0/23,   false, true",
        "10.0.0.0/24, 9.255.255.0/24, false, false"
    })
    void containmentAndOverlapAtTheEdges(String a, String b, boolean contains, boolean overlaps) {
        var first = Ipv4Cidr.of(a);
        var second = Ipv4Cidr.of(b);
        assertEquals(contains, first.contains(second));
        assertEquals(overlaps, first.overlaps(second));
        assertEquals(overlaps, second.overlaps(first), "overlap is symmetric");
    }
}
