package io.vpclattice.multicluster.testing;

import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.kubernetes.CrdRelease;
import io.vpclattice.multicluster.kubernetes.CrdRelease.PinnedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.TestAbortedException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class UpstreamCrdsTest {
    private static final byte[] WIDGETS = crd("widgets.example.io");
    private static final byte[] GADGETS = crd("gadgets.example.io");
    private static final CrdRelease RELEASE = new CrdRelease(
            "Example",
            "example",
            "v0",
            "https://example.invalid/v0/",
            List.of(
                    new PinnedFile("a/example.io_widgets.yaml", CrdRelease.sha256(WIDGETS)),
                    new PinnedFile("b/example.io_gadgets.yaml", CrdRelease.sha256(GADGETS))));

    @TempDir
    Path shared;

    @TempDir
    Path cache;

    private final CrdStore.Downloader downloader = mock(CrdStore.Downloader.class);

    private static byte[] crd(String name) {
        return ("kind: CustomResourceDefinition\nmetadata:\n  name: " + name + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void put(Path directory, String fileName, byte[] content) throws IOException {
        Files.createDirectories(directory);
        Files.write(directory.resolve(fileName), content);
    }

    private final Map<URI, String> failedDownloads = new HashMap<>();
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    private List<byte[]> require(boolean mayDownload) {
        return UpstreamCrds.require(
                RELEASE,
                new UpstreamCrds.Sources(shared, cache, mayDownload),
                downloader,
                failedDownloads,
                new PrintStream(report, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "widgets in {0}, gadgets in {1}, may download {2}")
    @CsvSource({
        "shared, shared, false, 0",
        "cache,  cache,  false, 0",
        "shared, cache,  false, 0",
        "shared, nowhere, true, 1",
        "nowhere, nowhere, true, 2",
    })
    void everyFileComesFromTheFirstPlaceHoldingIt(String widgets, String gadgets, boolean mayDownload, int downloads)
            throws IOException {
        var places = Map.of("shared", shared.resolve("crds/example"), "cache", cache.resolve("example/v0"));
        if (places.containsKey(widgets)) {
            put(places.get(widgets), "example.io_widgets.yaml", WIDGETS);
        }
        if (places.containsKey(gadgets)) {
            put(places.get(gadgets), "example.io_gadgets.yaml", GADGETS);
        }
        when(downloader.download(RELEASE.uri(RELEASE.files().get(0)))).thenReturn(WIDGETS);
        when(downloader.download(RELEASE.uri(RELEASE.files().get(1)))).thenReturn(GADGETS);
        var contents = require(mayDownload);
        assertEquals(
                List.of("widgets", "gadgets"),
                contents.stream()
                        .map(c -> new String(c, StandardCharsets.UTF_8).replaceAll("(?s).*name: (\\w+)\\..*", "$1"))
                        .toList());
        verify(downloader, times(downloads)).download(any());
        if (gadgets.equals("nowhere")) {
            assertTrue(
                    Files.isRegularFile(cache.resolve("example/v0/example.io_gadgets.yaml")),
                    "a download is cached for the next run");
        }
    }

    @Test
    void whatIsNowhereSkipsWithOneMessageSayingHowToProvideItWithoutTryingTheNetwork() throws IOException {
        put(shared.resolve("crds/example"), "example.io_widgets.yaml", WIDGETS);
        var skipped = assertThrows(TestAbortedException.class, () -> require(false));
        assertEquals(
                "Assumption failed: Example v0 CRDs are not on this machine (1 of 2 pinned files, e.g. "
                        + "example.io_gadgets.yaml, neither in " + shared.resolve("crds/example") + " nor in "
                        + cache.resolve("example/v0")
                        + "): run the tests with CRD_DOWNLOAD=1 (downloads them once from "
                        + "https://example.invalid/v0/, checks each against its SHA-256 pin and caches it; needs "
                        + "https://raw.githubusercontent.com) or set SHARED_DIR to a directory holding crds/gateway-api, crds/aws-application-networking-k8s, crds/kyverno "
                        + "(byte-for-byte upstream copies)",
                skipped.getMessage());
        verify(downloader, never()).download(any());
    }

    @Test
    void aChangedCopyFailsRatherThanSkips() throws IOException {
        put(shared.resolve("crds/example"), "example.io_widgets.yaml", GADGETS);
        var error = assertThrows(IllegalStateException.class, () -> require(false));
        assertTrue(
                error.getMessage().startsWith(shared.resolve("crds/example/example.io_widgets.yaml") + " has SHA-256 "),
                error.getMessage());
    }

    @Test
    void aFailedDownloadSkipsWithOneLinePerFileAndIsNotTriedAgain() throws IOException {
        when(downloader.download(any())).thenThrow(new IOException("connect timed out"));
        for (int run = 0; run < 3; run++) {
            var skipped = assertThrows(TestAbortedException.class, () -> require(true));
            assertEquals(
                    "Assumption failed: Example v0 CRDs could not be downloaded (2 of 2 pinned files; cannot download"
                            + " https://example.invalid/v0/a/example.io_widgets.yaml: connect timed out; and 1 more):"
                            + " check the connection to https://raw.githubusercontent.com, or set SHARED_DIR to a"
                            + " directory holding crds/example (byte-for-byte upstream copies; now "
                            + shared.resolve("crds/example") + ")",
                    skipped.getMessage());
        }
        assertEquals(
                List.of(
                        "warning: cannot download https://example.invalid/v0/a/example.io_widgets.yaml: connect timed"
                                + " out",
                        "warning: cannot download https://example.invalid/v0/b/example.io_gadgets.yaml: connect timed"
                                + " out"),
                report.toString(StandardCharsets.UTF_8).lines().toList(),
                "one line per file, once");
        verify(downloader, times(2)).download(any());
    }

    @Test
    void aDownloadThatDiffersFromItsPinStillFails() throws IOException {
        when(downloader.download(any())).thenReturn(GADGETS);
        var error = assertThrows(IllegalStateException.class, () -> require(true));
        assertTrue(
                error.getMessage().startsWith("https://example.invalid/v0/a/example.io_widgets.yaml has SHA-256 "),
                error.getMessage());
    }
}
