package io.vpclattice.multicluster.kubernetes;

import io.vpclattice.multicluster.config.ConfigSchema;
import io.vpclattice.multicluster.kubernetes.CrdRelease.PinnedFile;
import io.vpclattice.multicluster.testing.UpstreamCrds;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pins of both upstream releases, and what the program makes of the Gateway API files. */
class GatewayApiCrdsTest {
    private static final CrdRelease GATEWAY_API = GatewayApiCrds.release("v1.5.1");

    @SuppressWarnings("unused") // read by @FieldSource
    private static final List<Named<CrdRelease>> RELEASES =
            UpstreamCrds.RELEASES.stream().map(r -> Named.of(r.label(), r)).toList();

    @ParameterizedTest
    @FieldSource("RELEASES")
    void pinsMatchTheUpstreamFilesByteForByte(CrdRelease release) {
        // require() accepts a file only when its digest equals the pin, from whichever source it came.
        List<byte[]> contents = UpstreamCrds.require(release);
        for (int i = 0; i < release.files().size(); i++) {
            PinnedFile file = release.files().get(i);
            assertEquals(
                    file.crdName(), GatewayApiCrds.parse(file, contents.get(i)).name(), file.path());
        }
    }

    @Test
    void theGatewayApiFilesAreTheStandardChannelOfTheirBundle() {
        List<byte[]> contents = UpstreamCrds.require(GATEWAY_API);
        for (int i = 0; i < GATEWAY_API.files().size(); i++) {
            PinnedFile file = GATEWAY_API.files().get(i);
            var annotations = (Map<?, ?>)
                    GatewayApiCrds.parse(file, contents.get(i)).metadata().get("annotations");
            assertEquals("v1.5.1", annotations.get("gateway.networking.k8s.io/bundle-version"), file.path());
            assertEquals("standard", annotations.get("gateway.networking.k8s.io/channel"), file.path());
        }
    }

    @Test
    void theStacksDefaultsArePinned() {
        // Bumping a default without pinning its files would validate the stacks against stale schemas.
        assertEquals(ConfigSchema.GATEWAY_API_VERSION.defaultValue(), GATEWAY_API.version());
        assertEquals(ConfigSchema.GATEWAY_CONTROLLER_CHART_VERSION.defaultValue(), ControllerCrds.V2_1_3.version());
    }

    @ParameterizedTest
    @FieldSource("RELEASES")
    void everyFileIsFetchedFromItsPathAtTheTagAndCachedUnderItsSet(CrdRelease release) {
        for (PinnedFile file : release.files()) {
            assertTrue(release.uri(file).toString().startsWith("https://raw.githubusercontent.com/"), file.path());
            assertTrue(
                    release.uri(file).getPath().contains("/" + release.version() + "/"),
                    "pinned to the tag: " + file.path());
        }
        assertEquals(Path.of("/cache", release.set(), release.version()), release.cacheDirectory(Path.of("/cache")));
    }

    @Test
    void urisNamesAndCountsOfTheTwoReleases() {
        assertEquals(
                URI.create(
                        "https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/v1.5.1/config/crd/standard/gateway.networking.k8s.io_gateways.yaml"),
                GATEWAY_API.uri(GATEWAY_API.files().get(1)));
        assertEquals(8, GATEWAY_API.files().size());
        var controller = ControllerCrds.V2_1_3;
        assertEquals(
                URI.create(
                        "https://raw.githubusercontent.com/aws/aws-application-networking-k8s/v2.1.3/config/crds/bases/externaldns.k8s.io_dnsendpoints.yaml"),
                controller.uri(controller.files().get(7)));
        assertEquals(
                "dnsendpoints.externaldns.k8s.io", controller.files().get(7).crdName());
        assertEquals(8, controller.files().size());
    }

    @Test
    void crdNamesComeFromUpstreamFileNames() {
        assertEquals(
                "httproutes.gateway.networking.k8s.io",
                new PinnedFile("config/crd/standard/gateway.networking.k8s.io_httproutes.yaml", "").crdName());
        assertEquals(
                "iamauthpolicies.application-networking.k8s.aws",
                new PinnedFile("helm/crds/application-networking.k8s.aws_iamauthpolicies.yaml", "").crdName());
    }

    @Test
    void aReleaseRefusesFilesItCouldNotKeepApart() {
        // A local copy and the cache hold a release's files side by side, by file name.
        assertThrows(
                IllegalArgumentException.class,
                () -> new CrdRelease(
                        "x",
                        "x",
                        "v0",
                        "https://example.invalid/",
                        List.of(new PinnedFile("a/x_ys.yaml", ""), new PinnedFile("b/x_ys.yaml", ""))));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CrdRelease(
                        "x", "x", "v0", "https://example.invalid/", List.of(new PinnedFile("/a/x_ys.yaml", ""))));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CrdRelease(
                        "x", "x", "v0", "https://example.invalid", List.of(new PinnedFile("a/x_ys.yaml", ""))));
    }

    @Test
    void anUnpinnedVersionIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> GatewayApiCrds.release("v1.4.0"));
        assertEquals("Gateway API v1.4.0 is not pinned; pinned: [v1.5.1]", error.getMessage());
    }

    @Test
    void contentThatIsNotThePromisedCrdIsRefused() {
        byte[] tiny = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.io
                spec:
                  group: example.io
                """.getBytes(StandardCharsets.UTF_8);
        assertEquals(
                "widgets.example.io",
                GatewayApiCrds.parse(new PinnedFile("example.io_widgets.yaml", ""), tiny)
                        .name());
        assertThrows(
                IllegalArgumentException.class,
                () -> GatewayApiCrds.parse(new PinnedFile("example.io_gadgets.yaml", ""), tiny));
    }
}
