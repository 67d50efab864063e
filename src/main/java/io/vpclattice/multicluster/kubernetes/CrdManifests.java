package io.vpclattice.multicluster.kubernetes;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The CRDs of one pinned release as objects to apply, in the release's file order; parsed in the background, so
 * a stack can go on registering resources meanwhile.
 */
public record CrdManifests(CrdRelease release, CompletableFuture<List<Manifest>> manifests) {}
