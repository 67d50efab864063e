package io.vpclattice.multicluster.kubernetes;

import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.kubernetes.CrdRelease.PinnedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Gateway API standard-channel CRDs a cluster needs before the AWS Gateway API Controller starts
 * (controller v2.1 requires Gateway API v1.5), pinned file by file as a {@link CrdRelease}.
 */
public final class GatewayApiCrds {
    private GatewayApiCrds() {}

    /**
     * v1.5.1 (commit e7677b70ae75d14a4448fba94870e7deea6cf0ad), {@code config/crd/standard/}: every CRD of the
     * standard channel. The release's safe-upgrades ValidatingAdmissionPolicy is not a CRD and is not installed.
     */
    private static final Map<String, CrdRelease> RELEASES = Map.of(
            "v1.5.1",
            new CrdRelease(
                    "Gateway API",
                    "gateway-api",
                    "v1.5.1",
                    "https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/v1.5.1/",
                    List.of(
                            standard(
                                    "gateway.networking.k8s.io_gatewayclasses.yaml",
                                    "234ad4b2757ee1b3596a4187bb98df071c5bbdd9e1806f692f2dbf8387e6bef4"),
                            standard(
                                    "gateway.networking.k8s.io_gateways.yaml",
                                    "7416e8300eb4d8c0a71a23445609075bbacbe8bc80104584b019cfe1ebe77c31"),
                            standard(
                                    "gateway.networking.k8s.io_httproutes.yaml",
                                    "682203b109baecb18d38073a578f7bc2c17d22fe9b0c27bf030850abe014c370"),
                            standard(
                                    "gateway.networking.k8s.io_grpcroutes.yaml",
                                    "979f4125d44d3df24659ba00d1d04ff8e76c45423193e8aae82dd5810d7827df"),
                            standard(
                                    "gateway.networking.k8s.io_referencegrants.yaml",
                                    "a8902c486eed0b7339f5bb8a476ccaba0918eb038048402bdc01cbb69b0fbb51"),
                            standard(
                                    "gateway.networking.k8s.io_backendtlspolicies.yaml",
                                    "9b8818172153d72f9c84032db0be0a4a657277d13f5bbc22226ad9481ff57971"),
                            standard(
                                    "gateway.networking.k8s.io_listenersets.yaml",
                                    "9221468d19fdfbb0026113b1ef64abac64f27607975aff2410361b8b38f0e0bb"),
                            standard(
                                    "gateway.networking.k8s.io_tlsroutes.yaml",
                                    "818e4827c469a40e2527a2851591e656782c50fea8dd44812c900d219da09345"))));

    private static PinnedFile standard(String fileName, String sha256) {
        return new PinnedFile("config/crd/standard/" + fileName, sha256);
    }

    public static boolean isPinned(String version) {
        return RELEASES.containsKey(version);
    }

    public static Set<String> pinnedVersions() {
        return new TreeSet<>(RELEASES.keySet());
    }

    public static CrdRelease release(String version) {
        CrdRelease release = RELEASES.get(version);
        if (release == null) {
            throw new IllegalArgumentException(
                    "Gateway API " + version + " is not pinned; pinned: " + pinnedVersions());
        }
        return release;
    }

    /**
     * Parses a CRD file whose digest has been checked; any pinned release's files, as they follow the same naming.
     *
     * @throws IllegalArgumentException if the content is not the CRD the file name promises
     */
    @SuppressWarnings("unchecked")
    public static Manifest parse(PinnedFile file, byte[] content) {
        Map<String, Object> crd;
        try {
            crd = Mappers.YAML.readValue(new String(content, StandardCharsets.UTF_8), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file.fileName(), e);
        }
        var metadata = (Map<String, Object>) crd.get("metadata");
        if (!"CustomResourceDefinition".equals(crd.get("kind"))
                || metadata == null
                || !file.crdName().equals(metadata.get("name"))) {
            throw new IllegalArgumentException(file.fileName() + " does not hold the CRD " + file.crdName());
        }
        return new Manifest(ApiKind.CUSTOM_RESOURCE_DEFINITION, metadata, Map.of("spec", crd.get("spec")));
    }
}
