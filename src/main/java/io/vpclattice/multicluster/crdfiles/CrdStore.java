package io.vpclattice.multicluster.crdfiles;

import com.pulumi.exceptions.RunException;
import io.vpclattice.multicluster.kubernetes.ApiKind;
import io.vpclattice.multicluster.kubernetes.CrdManifests;
import io.vpclattice.multicluster.kubernetes.CrdRelease;
import io.vpclattice.multicluster.kubernetes.CrdRelease.PinnedFile;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.kubernetes.Manifest;
import io.vpclattice.multicluster.kubernetes.Tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where pinned CRD files come from, in order: a directory the user points at
 * ({@code GATEWAY_API_CRDS_DIR}, for air-gapped runs), the per-user cache, then a download from the release's
 * tag, which is cached. Every file is checked against its pinned SHA-256 whatever its source. The tests obtain
 * the upstream schemas they validate against through this same store.
 */
public final class CrdStore {
    public static final String DIRECTORY_VARIABLE = "GATEWAY_API_CRDS_DIR";

    /** Fetches a URL's bytes; a seam for tests. */
    @FunctionalInterface
    public interface Downloader {
        byte[] download(URI uri) throws IOException;
    }

    private final Optional<Path> directory;
    /** The cache root; each release has its own directory under it. */
    private final Optional<Path> cache;

    private final Optional<Downloader> downloader;

    public CrdStore(Optional<Path> directory, Optional<Path> cache, Optional<Downloader> downloader) {
        this.directory = directory;
        this.cache = cache;
        this.downloader = downloader;
    }

    /** For {@code pulumi up} and {@code preview}: may download. */
    public static CrdStore forDeployment() {
        return new CrdStore(fromEnvironment(), Optional.of(defaultCache()), Optional.of(CrdStore::httpGet));
    }

    /** For the offline plan: never touches the network. */
    public static CrdStore offline() {
        return new CrdStore(fromEnvironment(), Optional.of(defaultCache()), Optional.empty());
    }

    public static CrdStore offline(Optional<Path> directory) {
        return new CrdStore(directory, Optional.empty(), Optional.empty());
    }

    /**
     * The verified content of {@code file}, or empty when no local copy exists and this store may not download.
     *
     * @throws IllegalStateException when a copy exists but its digest differs from the pin
     */
    public Optional<byte[]> read(CrdRelease release, PinnedFile file) {
        for (Optional<Path> dir : List.of(directory, cache.map(release::cacheDirectory))) {
            if (dir.isPresent() && Files.isRegularFile(dir.get().resolve(file.fileName()))) {
                Path path = dir.get().resolve(file.fileName());
                return Optional.of(verified(file, readAll(path), path.toString()));
            }
        }
        if (downloader.isEmpty()) {
            return Optional.empty();
        }
        URI uri = release.uri(file);
        byte[] content;
        try {
            content = downloader.get().download(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + uri + ": " + reason(e), e);
        }
        verified(file, content, uri.toString());
        cache.ifPresent(c -> store(release.cacheDirectory(c), file, content));
        return Optional.of(content);
    }

    /**
     * Every file of {@code release}, in order; empty entries where this store may not download. Called before any
     * resource is registered, so a failed download or a digest mismatch stops the run with one line.
     */
    public List<Optional<byte[]>> readAll(CrdRelease release) {
        try {
            return release.files().stream().map(file -> read(release, file)).toList();
        } catch (IllegalStateException e) {
            throw new RunException(release.label() + " CRDs: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new RunException(release.label() + " CRDs: " + e.getMessage() + " (set " + DIRECTORY_VARIABLE
                    + " to a directory holding the release's CRD files to install without network)");
        }
    }

    /**
     * The release's CRDs as objects to apply: the files are read and checked now, like {@link #readAll}, and parsed
     * in the background (a megabyte of YAML, which cannot fail once the digests match) while the program goes on.
     * A file this store may not download is planned as {@link #notFetched}.
     */
    public CrdManifests manifests(CrdRelease release) {
        var contents = readAll(release);
        return new CrdManifests(release, CompletableFuture.supplyAsync(() -> {
            var manifests = new ArrayList<Manifest>();
            for (int i = 0; i < release.files().size(); i++) {
                var file = release.files().get(i);
                manifests.add(contents.get(i)
                        .map(content -> GatewayApiCrds.parse(file, content))
                        .orElseGet(() -> notFetched(release, file)));
            }
            return List.copyOf(manifests);
        }));
    }

    /**
     * What the offline plan shows for a CRD whose content it may not download: its name and release, and where
     * a deployment fetches the body from. A deployment never uses this.
     */
    static Manifest notFetched(CrdRelease release, PinnedFile file) {
        return new Manifest(
                ApiKind.CUSTOM_RESOURCE_DEFINITION,
                Tree.map(
                        "name",
                        file.crdName(),
                        "annotations",
                        Tree.map(
                                "gateway.networking.k8s.io/bundle-version",
                                release.version(),
                                "gateway.networking.k8s.io/channel",
                                "standard")),
                Tree.map(
                        "spec",
                        "[not fetched offline: " + release.uri(file) + " sha256:" + file.sha256() + "; set "
                                + DIRECTORY_VARIABLE + " to plan it in full]"));
    }

    private static byte[] verified(PinnedFile file, byte[] content, String source) {
        String actual = CrdRelease.sha256(content);
        if (!actual.equals(file.sha256())) {
            throw new IllegalStateException(source + " has SHA-256 " + actual + ", expected " + file.sha256()
                    + ": refusing a CRD file that differs from its pin");
        }
        return content;
    }

    /**
     * HttpClient often throws a ConnectException without message, whose cause has none either: that is a host it
     * could not connect to (no network, or none to that host).
     */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e instanceof java.net.ConnectException
                ? "no connection (ConnectException)"
                : e.getClass().getSimpleName();
    }

    private static void store(Path dir, PinnedFile file, byte[] content) {
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, file.fileName(), ".part");
            Files.write(partial, content);
            Files.move(
                    partial,
                    dir.resolve(file.fileName()),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A cache that cannot be written costs a download next time, nothing more.
        }
    }

    private static byte[] readAll(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> fromEnvironment() {
        return Optional.ofNullable(System.getenv(DIRECTORY_VARIABLE))
                .filter(s -> !s.isBlank())
                .map(Path::of);
    }

    /** The per-user cache root, shared by the program and the tests: a file downloaded by either serves both. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vpc-lattice-multicluster");
    }

    public static byte[] httpGet(URI uri) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
