package io.vpclattice.multicluster.kubernetes;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;

/**
 * CRD files of one upstream repository at one tag, each pinned by the SHA-256 of the upstream file. Whatever
 * fetches them accepts content only when its digest matches.
 *
 * @param name    for messages, e.g. {@code Gateway API}
 * @param set     the directory the files share in a local copy and in the cache, e.g. {@code gateway-api}; files
 *                from several paths of the tag lie side by side there, so their names are unique
 * @param baseUrl the tag's root, ending in {@code /}; each file's path is relative to it
 */
public record CrdRelease(String name, String set, String version, String baseUrl, List<PinnedFile> files) {
    public CrdRelease {
        if (!baseUrl.endsWith("/")) {
            throw new IllegalArgumentException("base URL must end with /: " + baseUrl);
        }
        var names = new HashSet<String>();
        for (PinnedFile file : files) {
            if (file.path().startsWith("/") || !names.add(file.fileName())) {
                throw new IllegalArgumentException(name + " " + version + ": " + file.path()
                        + " must be relative to the tag and its file name unique in the release");
            }
        }
        files = List.copyOf(files);
    }

    /**
     * One CRD file, e.g. {@code config/crd/standard/gateway.networking.k8s.io_httproutes.yaml}.
     *
     * @param path relative to the release's base URL
     */
    public record PinnedFile(String path, String sha256) {
        public String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** The CRD's name, {@code <plural>.<group>}, from the upstream file naming {@code <group>_<plural>.yaml}. */
        public String crdName() {
            String base = fileName().substring(0, fileName().length() - ".yaml".length());
            int split = base.indexOf('_');
            return base.substring(split + 1) + "." + base.substring(0, split);
        }
    }

    public URI uri(PinnedFile file) {
        return URI.create(baseUrl + file.path());
    }

    /** Where this release's files lie under a cache root: one directory per set and version. */
    public Path cacheDirectory(Path root) {
        return root.resolve(set).resolve(version);
    }

    /** For messages, e.g. {@code Gateway API v1.5.1}. */
    public String label() {
        return name + " " + version;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
