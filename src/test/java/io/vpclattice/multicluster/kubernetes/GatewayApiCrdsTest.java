package io.vpclattice.multicluster.kubernetes;

import io.vpclattice.multicluster.kubernetes.GatewayApiCrds.PinnedFile;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class GatewayApiCrdsTest {
    private static final GatewayApiCrds.Release RELEASE = GatewayApiCrds.release("v1.5.1");
    private static final String TINY_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.io
            spec:
              group: example.io
            """;
    private static final byte[] TINY = TINY_CRD.getBytes(StandardCharsets.UTF_8);
    private static final PinnedFile TINY_FILE = new PinnedFile("example.io_widgets.yaml", GatewayApiCrds.sha256(TINY));
    private static final GatewayApiCrds.Release TINY_RELEASE = new GatewayApiCrds.Release("v0", "https://example.invalid/", java.util.List.of(TINY_FILE));

    @Test
    void pinsMatchTheUpstreamFilesByteForByte() throws IOException {
        Optional<Path> shared = StackHarness.sharedDirectory();
        Assumptions.assumeTrue(shared.isPresent(), "../shared/crds is not in this checkout: the upstream copies to compare with are absent");
        for (PinnedFile file : RELEASE.files()) {
            byte[] content = Files.readAllBytes(shared.get().resolve("crds/gateway-api").resolve(file.fileName()));
            assertEquals(file.sha256(), GatewayApiCrds.sha256(content), file.fileName());
            var manifest = GatewayApiCrds.parse(file, content);
            assertEquals(file.crdName(), manifest.name());
            assertEquals("v1.5.1", ((java.util.Map<?, ?>) manifest.metadata().get("annotations")).get("gateway.networking.k8s.io/bundle-version"));
        }
    }

    @Test
    void crdNamesComeFromUpstreamFileNames() {
        assertEquals("httproutes.gateway.networking.k8s.io", new PinnedFile("gateway.networking.k8s.io_httproutes.yaml", "").crdName());
        assertEquals(8, RELEASE.files().size());
        assertEquals(URI.create("https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/v1.5.1/config/crd/standard/gateway.networking.k8s.io_gateways.yaml"),
                RELEASE.uri(RELEASE.files().get(1)));
    }

    @Test
    void aDownloadIsVerifiedCachedAndNotRepeated(@TempDir Path cache) throws IOException {
        CrdStore.Downloader downloader = mock(CrdStore.Downloader.class);
        when(downloader.download(any())).thenReturn(TINY);
        var store = new CrdStore(Optional.empty(), Optional.of(cache), Optional.of(downloader));
        assertArrayEquals(TINY, store.read(TINY_RELEASE, TINY_FILE).orElseThrow());
        assertArrayEquals(TINY, store.read(TINY_RELEASE, TINY_FILE).orElseThrow());
        verify(downloader, times(1)).download(URI.create("https://example.invalid/example.io_widgets.yaml"));
        assertTrue(Files.isRegularFile(cache.resolve("v0").resolve(TINY_FILE.fileName())));
    }

    @Test
    void aTamperedDownloadIsRefusedAndNotCached(@TempDir Path cache) throws IOException {
        CrdStore.Downloader downloader = mock(CrdStore.Downloader.class);
        when(downloader.download(any())).thenReturn((TINY_CRD + "# changed\n").getBytes(StandardCharsets.UTF_8));
        var store = new CrdStore(Optional.empty(), Optional.of(cache), Optional.of(downloader));
        var error = assertThrows(IllegalStateException.class, () -> store.read(TINY_RELEASE, TINY_FILE));
        assertTrue(error.getMessage().contains("expected " + TINY_FILE.sha256()), error.getMessage());
        assertFalse(Files.exists(cache.resolve("v0").resolve(TINY_FILE.fileName())));
    }

    @Test
    void aLocalDirectoryIsUsedWithoutNetworkButStillVerified(@TempDir Path directory) throws IOException {
        CrdStore.Downloader downloader = mock(CrdStore.Downloader.class);
        Files.write(directory.resolve(TINY_FILE.fileName()), TINY);
        var store = new CrdStore(Optional.of(directory), Optional.empty(), Optional.of(downloader));
        assertArrayEquals(TINY, store.read(TINY_RELEASE, TINY_FILE).orElseThrow());
        verify(downloader, never()).download(any());
        Files.writeString(directory.resolve(TINY_FILE.fileName()), "kind: Other\n");
        assertThrows(IllegalStateException.class, () -> store.read(TINY_RELEASE, TINY_FILE));
    }

    @Test
    void theOfflineStoreNeverDownloadsAndThePlanSaysWhereContentComesFrom(@TempDir Path empty) {
        var store = CrdStore.offline(Optional.of(empty));
        assertFalse(store.canDownload());
        assertEquals(Optional.empty(), store.read(TINY_RELEASE, TINY_FILE));
        var placeholder = GatewayApiCrds.notFetched(RELEASE, RELEASE.files().get(2));
        assertEquals("httproutes.gateway.networking.k8s.io", placeholder.name());
        assertTrue(String.valueOf(placeholder.body().get("spec")).contains("sha256:" + RELEASE.files().get(2).sha256()));
    }

    @Test
    void contentThatIsNotThePromisedCrdIsRefused() {
        var wrongName = new PinnedFile("example.io_gadgets.yaml", GatewayApiCrds.sha256(TINY));
        assertThrows(IllegalArgumentException.class, () -> GatewayApiCrds.parse(wrongName, TINY));
    }
}
