package io.vpclattice.multicluster.testing;

import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.kubernetes.ControllerCrds;
import io.vpclattice.multicluster.kubernetes.CrdRelease;
import io.vpclattice.multicluster.kubernetes.CrdRelease.PinnedFile;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.kubernetes.KyvernoCrds;
import org.junit.jupiter.api.Assumptions;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The one way tests obtain upstream CRD files, through the program's {@link CrdStore}: from
 * {@code ../shared/crds/<set>} (or {@code $SHARED_DIR/crds/<set>}), then the per-user cache the program also
 * fills, then, only with {@code CRD_DOWNLOAD=1}, a download from the pinned tag, which is cached. Whatever the
 * source, a file that differs from its pin fails the test; a file found nowhere skips it, with one message that
 * says what is missing and how to provide it (the skip summary reads it from the test reports). A download that
 * fails (no network) skips too, after one line per file on stderr, and is not tried again in the same JVM.
 */
public final class UpstreamCrds {
    public static final String DOWNLOAD_VARIABLE = "CRD_DOWNLOAD";
    public static final String SHARED_VARIABLE = "SHARED_DIR";
    /** Every pinned release the tests read; one SHARED_DIR or one download provides them all. */
    public static final List<CrdRelease> RELEASES =
            List.of(GatewayApiCrds.release("v1.5.1"), ControllerCrds.V2_1_3, KyvernoCrds.V1_19_0);

    private UpstreamCrds() {}

    /**
     * Where to look.
     *
     * @param shared the directory whose {@code crds/<set>} may hold copies; it need not exist
     */
    public record Sources(Path shared, Path cache, boolean mayDownload) {
        public static Sources fromEnvironment() {
            String shared = System.getenv(SHARED_VARIABLE);
            return new Sources(
                    shared != null
                            ? Path.of(shared)
                            : StackHarness.REPOSITORY.resolve("../shared").normalize(),
                    CrdStore.defaultCache(),
                    "1".equals(System.getenv(DOWNLOAD_VARIABLE)));
        }

        Path sharedCopies(CrdRelease release) {
            return shared.resolve("crds").resolve(release.set());
        }
    }

    /** Every file of {@code release}, in order, checked against its pin; skips the calling test when any is absent. */
    public static List<byte[]> require(CrdRelease release) {
        return require(release, Sources.fromEnvironment(), CrdStore::httpGet);
    }

    /**
     * Downloads that failed in this JVM, each file's one line by its URI: a file is tried and reported once, and
     * every later test that needs it is skipped at once with the same reason.
     */
    private static final Map<URI, String> FAILED_DOWNLOADS = new ConcurrentHashMap<>();

    public static List<byte[]> require(CrdRelease release, Sources sources, CrdStore.Downloader downloader) {
        return require(release, sources, downloader, FAILED_DOWNLOADS, System.err);
    }

    /**
     * @param failedDownloads downloads that failed earlier, by URI; a new failure is added and reported on
     *                        {@code report} in one line
     */
    static List<byte[]> require(
            CrdRelease release,
            Sources sources,
            CrdStore.Downloader downloader,
            Map<URI, String> failedDownloads,
            PrintStream report) {
        // Without the opt-in the store has no downloader at all, so no test can reach the network by accident.
        var store = new CrdStore(
                Optional.of(sources.sharedCopies(release)),
                Optional.of(sources.cache()),
                sources.mayDownload() ? Optional.of(downloader) : Optional.empty());
        var contents = new ArrayList<byte[]>();
        var missing = new ArrayList<PinnedFile>();
        var failed = new ArrayList<String>();
        for (PinnedFile file : release.files()) {
            URI uri = release.uri(file);
            String earlier = failedDownloads.get(uri);
            if (earlier != null) {
                failed.add(earlier);
                continue;
            }
            try {
                store.read(release, file).ifPresentOrElse(contents::add, () -> missing.add(file));
            } catch (UncheckedIOException e) {
                // No network is not a failure of the code under test: the checks that need the file are skipped.
                if (failedDownloads.putIfAbsent(uri, e.getMessage()) == null) {
                    report.println("warning: " + e.getMessage());
                }
                failed.add(e.getMessage());
            }
        }
        Assumptions.assumeTrue(failed.isEmpty(), () -> notDownloaded(release, sources, failed));
        Assumptions.assumeTrue(missing.isEmpty(), () -> missing(release, sources, missing));
        return contents;
    }

    static String notDownloaded(CrdRelease release, Sources sources, List<String> failed) {
        return release.label() + " CRDs could not be downloaded (" + failed.size() + " of "
                + release.files().size()
                + " pinned files; " + failed.get(0)
                + (failed.size() > 1 ? "; and " + (failed.size() - 1) + " more" : "")
                + "): check the connection to https://raw.githubusercontent.com, or set " + SHARED_VARIABLE
                + " to a directory holding crds/" + release.set() + " (byte-for-byte upstream copies; now "
                + sources.sharedCopies(release) + ")";
    }

    static String missing(CrdRelease release, Sources sources, List<PinnedFile> missing) {
        String sets = RELEASES.stream().map(r -> "crds/" + r.set()).collect(Collectors.joining(", "));
        return release.label() + " CRDs are not on this machine (" + missing.size() + " of "
                + release.files().size()
                + " pinned files, e.g. " + missing.get(0).fileName() + ", neither in " + sources.sharedCopies(release)
                + " nor in " + release.cacheDirectory(sources.cache()) + "): run the tests with " + DOWNLOAD_VARIABLE
                + "=1 (downloads them once from " + release.baseUrl() + ", checks each against its SHA-256 pin and"
                + " caches it; needs https://raw.githubusercontent.com) or set " + SHARED_VARIABLE
                + " to a directory holding " + sets + " (byte-for-byte upstream copies)";
    }
}
