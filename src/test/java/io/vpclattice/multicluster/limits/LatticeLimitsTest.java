package io.vpclattice.multicluster.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatticeLimitsTest {

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource({
        "demo-cluster1, apps, demo-cluster1-apps",
        // The route name is cut to 20 and the namespace to 18, and a hyphen at either end is trimmed.
        "abcdefghijklmnopqrstuvwxyz, apps, abcdefghijklmnopqrst-apps",
        "demo-abcdefghijklmn-x, apps, demo-abcdefghijklmn-apps",
        "demo, abcdefghijklmnopqrstuvwxyz, demo-abcdefghijklmnopqr",
        "demo, abcdefghijklmnopq-rs, demo-abcdefghijklmnopq",
        "-demo-, apps, demo-apps"
    })
    void theControllerNamesTheServiceAfterTheRouteAndItsNamespace(String route, String namespace, String service) {
        assertEquals(service, LatticeLimits.controllerServiceName(route, namespace));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "demo-cluster1-apps, true",
        "abc, true",
        "ab, false",
        "svc-demo, false",
        "svcdemo, true",
        "demo--apps, false",
        "-demo, false",
        "demo-, false",
        "Demo, false"
    })
    void aServiceNameIsWhatLatticeAllows(String name, boolean valid) {
        assertEquals(valid, LatticeLimits.serviceName(name).isEmpty(), name);
    }

    @Test
    void aServiceNameHasAtMost40Characters() {
        assertEquals(Optional.empty(), LatticeLimits.serviceName("s".repeat(40)));
        assertTrue(LatticeLimits.serviceName("s".repeat(41)).isPresent());
        assertEquals(
                "demo-abcdefghijklmno-abcdefghijklmnopqr",
                LatticeLimits.controllerServiceName("demo-abcdefghijklmnopqrs", "abcdefghijklmnopqrstu"));
        assertEquals(
                Optional.empty(),
                LatticeLimits.serviceName(
                        LatticeLimits.controllerServiceName("demo-abcdefghijklmnopqrs", "abcdefghijklmnopqrstu")));
    }

    @Test
    void anAuthPolicyHasAtMost10000BytesAndNoLineBreak() {
        assertEquals(Optional.empty(), LatticeLimits.authPolicy("p", "x".repeat(10_000)));
        assertEquals(
                Optional.of("p is 10,001 bytes; VPC Lattice allows 10,000 (Lattice quotas: auth policy size, not"
                        + " adjustable)"),
                LatticeLimits.authPolicy("p", "x".repeat(10_001)));
        assertTrue(LatticeLimits.authPolicy("p", "Ö".repeat(5001)).isPresent(), "10002 bytes");
        assertEquals(Optional.empty(), LatticeLimits.authPolicy("p", "Ö".repeat(5000)));
        assertTrue(LatticeLimits.authPolicy("p", "{\n}").orElseThrow().contains("line break"));
        assertTrue(LatticeLimits.authPolicy("p", "{\r}").isPresent());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"\n{}", "\r{}", "{}\n", "{\r\n}"})
    void aLineBreakAnywhereIsRefused(String policy) {
        assertEquals(
                Optional.of("p has a line break; Lattice refuses auth policies with newlines (PutAuthPolicy)"),
                LatticeLimits.authPolicy("p", policy));
    }
}
