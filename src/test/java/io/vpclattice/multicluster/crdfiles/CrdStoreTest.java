package io.vpclattice.multicluster.crdfiles;

import com.pulumi.exceptions.RunException;
import io.vpclattice.multicluster.kubernetes.CrdRelease;
import io.vpclattice.multicluster.kubernetes.CrdRelease.PinnedFile;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class CrdStoreTest {
    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.io
            """;
    private static final PinnedFile FILE = new PinnedFile(
            "deep/path/example.io_widgets.yaml", CrdRelease.sha256(CRD.getBytes(StandardCharsets.UTF_8)));
    private static final CrdRelease RELEASE =
            new CrdRelease("Widgets", "widgets", "v0", "https://example.invalid/tag/", List.of(FILE));
    private static final URI UPSTREAM = URI.create("https://example.invalid/tag/deep/path/example.io_widgets.yaml");

    enum Copy {
        NONE,
        GOOD,
        CHANGED
    }

    enum Outcome {
        READ,
        EMPTY,
        REFUSED
    }

    @TempDir
    Path directory;

    @TempDir
    Path cache;

    private final CrdStore.Downloader downloader = mock(CrdStore.Downloader.class);

    private Path cached() {
        return cache.resolve("widgets/v0/example.io_widgets.yaml");
    }

    private static byte[] content(Copy copy) {
        return (copy == Copy.CHANGED ? CRD + "# changed\n" : CRD).getBytes(StandardCharsets.UTF_8);
    }

    private CrdStore store(boolean mayDownload) {
        return new CrdStore(
                Optional.of(directory), Optional.of(cache), mayDownload ? Optional.of(downloader) : Optional.empty());
    }

    /**
     * A changed copy further down the order shows whether the store stopped at the first copy it found; a good
     * copy further down must not rescue a changed one, which is an error for the user to see.
     */
    @ParameterizedTest(name = "directory {0}, cache {1}, upstream {2}, may download {3}: {4}, {5} downloads")
    @CsvSource({
        "GOOD,    CHANGED, CHANGED, true,  READ,    0",
        "NONE,    GOOD,    CHANGED, true,  READ,    0",
        "NONE,    NONE,    GOOD,    true,  READ,    1",
        "NONE,    NONE,    GOOD,    false, EMPTY,   0",
        "CHANGED, GOOD,    GOOD,    true,  REFUSED, 0",
        "NONE,    CHANGED, GOOD,    true,  REFUSED, 0",
        "NONE,    NONE,    CHANGED, true,  REFUSED, 1",
    })
    void copiesAreTriedInOrderTheNetworkLastAndEachIsChecked(
            Copy inDirectory, Copy inCache, Copy upstream, boolean mayDownload, Outcome outcome, int downloads)
            throws IOException {
        if (inDirectory != Copy.NONE) {
            Files.write(directory.resolve(FILE.fileName()), content(inDirectory));
        }
        if (inCache != Copy.NONE) {
            Files.createDirectories(cached().getParent());
            Files.write(cached(), content(inCache));
        }
        when(downloader.download(UPSTREAM)).thenReturn(content(upstream));
        var store = store(mayDownload);
        switch (outcome) {
            case READ -> assertEquals(CRD, new String(store.read(RELEASE, FILE).orElseThrow(), StandardCharsets.UTF_8));
            case EMPTY -> assertEquals(Optional.empty(), store.read(RELEASE, FILE));
            case REFUSED -> {
                var error = assertThrows(IllegalStateException.class, () -> store.read(RELEASE, FILE));
                String source = inDirectory == Copy.CHANGED
                        ? directory.resolve(FILE.fileName()).toString()
                        : inCache == Copy.CHANGED ? cached().toString() : UPSTREAM.toString();
                assertTrue(error.getMessage().startsWith(source + " has SHA-256 "), error.getMessage());
                assertTrue(error.getMessage().contains("expected " + FILE.sha256()), error.getMessage());
            }
        }
        verify(downloader, times(downloads)).download(any());
        assertEquals(
                inCache != Copy.NONE || (outcome == Outcome.READ && downloads == 1),
                Files.exists(cached()),
                "only a checked download is cached, under <root>/<set>/<version>/<file name>");
    }

    @Test
    void aDownloadIsNotRepeated() throws IOException {
        when(downloader.download(UPSTREAM)).thenReturn(content(Copy.GOOD));
        store(true).read(RELEASE, FILE);
        store(true).read(RELEASE, FILE);
        verify(downloader, times(1)).download(UPSTREAM);
    }

    @ParameterizedTest
    @CsvSource({"HTTP 404, HTTP 404", ", no connection (ConnectException)"})
    void aFailedDownloadStopsTheProgramWithOneLineNamingTheReleaseAndTheReason(String message, String reason)
            throws IOException {
        // HttpClient reports an unreachable host as a ConnectException without message.
        when(downloader.download(any())).thenThrow(message == null ? new ConnectException() : new IOException(message));
        var failed = assertThrows(RunException.class, () -> store(true).readAll(RELEASE));
        assertEquals(
                "Widgets v0 CRDs: cannot download " + UPSTREAM + ": " + reason + " (set GATEWAY_API_CRDS_DIR to a "
                        + "directory holding the release's CRD files to install without network)",
                failed.getMessage());
    }

    @Test
    void aChangedFileStopsTheProgramWithOneLineNamingTheRelease() throws IOException {
        Files.writeString(directory.resolve(FILE.fileName()), "kind: Other\n");
        var changed = assertThrows(RunException.class, () -> store(true).readAll(RELEASE));
        assertTrue(
                changed.getMessage()
                        .startsWith("Widgets v0 CRDs: " + directory.resolve(FILE.fileName()) + " has SHA-256 "),
                changed.getMessage());
    }

    @Test
    void theOfflineStoreReadsOnlyItsDirectory() throws IOException {
        var store = CrdStore.offline(Optional.of(directory));
        assertEquals(List.of(Optional.empty()), store.readAll(RELEASE));
        Files.writeString(directory.resolve(FILE.fileName()), CRD);
        assertEquals(CRD, new String(store.readAll(RELEASE).get(0).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void aFileTheStoreMayNotDownloadIsPlannedAsAPlaceholder() {
        var placeholder = CrdStore.offline(Optional.of(directory))
                .manifests(RELEASE)
                .manifests()
                .join()
                .get(0);
        assertEquals("widgets.example.io", placeholder.name());
        assertTrue(String.valueOf(placeholder.body().get("spec"))
                .startsWith("[not fetched offline: " + UPSTREAM + " sha256:"));
    }

    @Test
    void thePlanSaysWhereContentItDidNotFetchComesFrom() {
        var gatewayApi = GatewayApiCrds.release("v1.5.1");
        var placeholder = CrdStore.notFetched(gatewayApi, gatewayApi.files().get(2));
        assertEquals("httproutes.gateway.networking.k8s.io", placeholder.name());
        assertTrue(String.valueOf(placeholder.body().get("spec"))
                .contains(gatewayApi.uri(gatewayApi.files().get(2)) + " sha256:"
                        + gatewayApi.files().get(2).sha256()));
    }
}
