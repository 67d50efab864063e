package io.vpclattice.multicluster.kubernetes;

import io.vpclattice.multicluster.kubernetes.CrdRelease.PinnedFile;

import java.util.List;

/**
 * The CRDs the AWS Gateway API Controller's chart installs, at the chart version the stacks default to. The
 * program never applies them (Helm does); they are pinned like the Gateway API files so that the tests validate
 * the objects a stack creates against exactly the schemas the chart installs, fetched and checked the same way.
 */
public final class ControllerCrds {
    private ControllerCrds() {}

    /**
     * Tag v2.1.3 (commit e3fb86ea0573aa299458b9b022c59a364584b6e8), the source of chart v2.1.3: {@code helm/crds/}
     * is what the chart ships; its DNSEndpoint CRD is a template ({@code installExternalDNSCRD}), so the plain
     * file it is generated from is pinned instead (same schema).
     */
    public static final CrdRelease V2_1_3 = new CrdRelease(
            "AWS Gateway API Controller",
            "aws-application-networking-k8s",
            "v2.1.3",
            "https://raw.githubusercontent.com/aws/aws-application-networking-k8s/v2.1.3/",
            List.of(
                    chart(
                            "application-networking.k8s.aws_accesslogpolicies.yaml",
                            "1b5475cd2311fa01669544b4d527677b8290f366ecbf5a3992998dd6a2661bf1"),
                    chart(
                            "application-networking.k8s.aws_iamauthpolicies.yaml",
                            "cbd2ae363c101b7de222f9624151356e4cda33ee813b85abd02dfa33bfc5efbc"),
                    chart(
                            "application-networking.k8s.aws_serviceexports.yaml",
                            "219d1c29057eeeafd4321be4e347d8daf678db81101aefa75dedf3591f46bbd2"),
                    chart(
                            "application-networking.k8s.aws_serviceimports.yaml",
                            "88245297e2d1a425896b98d9051904deae3cafbcaf40d129cbc8b9869884779b"),
                    chart(
                            "application-networking.k8s.aws_servicenetworks.yaml",
                            "89d3247af0403163f11b7ce23052bda9a922d3adddd90bf1643a5c3436dabeff"),
                    chart(
                            "application-networking.k8s.aws_targetgrouppolicies.yaml",
                            "bf8d9a779758a559596ef783351e398098d4af2a158f095692c1fc5ddfc6efc6"),
                    chart(
                            "application-networking.k8s.aws_vpcassociationpolicies.yaml",
                            "fa8856c889bc10a59ac9c9f4f568b3ea6acb7837ec759cb3b50ff04db123f0f0"),
                    new PinnedFile(
                            "config/crds/bases/externaldns.k8s.io_dnsendpoints.yaml",
                            "b6b516a1b56b602a081e0af9527ebc07526aa72f1bb791fc6413b3a65bf1ba12")));

    private static PinnedFile chart(String fileName, String sha256) {
        return new PinnedFile("helm/crds/" + fileName, sha256);
    }
}
