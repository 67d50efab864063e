package io.vpclattice.multicluster.kubernetes;

import io.vpclattice.multicluster.kubernetes.CrdRelease.PinnedFile;

import java.util.List;

/**
 * The CRD of the Kyverno policy kind the stacks create, at the version the pinned chart installs. The program never
 * applies it (the chart does); it is pinned like the other CRDs so that the tests validate the sidecar policy
 * against exactly the schema Kyverno serves.
 */
public final class KyvernoCrds {
    private KyvernoCrds() {}

    /** Tag v1.19.0 (commit ee97ce09538b09b6f1b03853cc41a62654d6a58f), the app version of chart 3.9.0. */
    public static final CrdRelease V1_19_0 = new CrdRelease(
            "Kyverno",
            "kyverno",
            "v1.19.0",
            "https://raw.githubusercontent.com/kyverno/kyverno/v1.19.0/",
            List.of(new PinnedFile(
                    "config/crds/policies.kyverno.io/policies.kyverno.io_mutatingpolicies.yaml",
                    "7a71c76ed2ae76bedfa1e285fa919a2e8bb0bc7ea7a2122bebc6d9c183659688")));
}
