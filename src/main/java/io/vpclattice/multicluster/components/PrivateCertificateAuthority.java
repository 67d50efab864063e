package io.vpclattice.multicluster.components;

import com.pulumi.aws.acmpca.CertificateAuthority;
import com.pulumi.aws.acmpca.CertificateAuthorityArgs;
import com.pulumi.aws.acmpca.CertificateAuthorityCertificate;
import com.pulumi.aws.acmpca.CertificateAuthorityCertificateArgs;
import com.pulumi.aws.acmpca.Permission;
import com.pulumi.aws.acmpca.PermissionArgs;
import com.pulumi.aws.acmpca.inputs.CertificateAuthorityCertificateAuthorityConfigurationArgs;
import com.pulumi.aws.acmpca.inputs.CertificateAuthorityCertificateAuthorityConfigurationSubjectArgs;
import com.pulumi.aws.acmpca.inputs.CertificateValidityArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Tags;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A private root CA (or an existing one) and the ACM private certificate for {@code <domain>} and
 * {@code *.<domain>} that the Lattice HTTPS listeners present.
 */
public class PrivateCertificateAuthority extends ComponentResource {
    public static final String TYPE = "multicluster:pki:PrivateCertificateAuthority";
    public static final String KEY_ALGORITHM = "RSA_4096";
    public static final String SIGNING_ALGORITHM = "SHA512WITHRSA";
    public static final int ROOT_VALIDITY_YEARS = 10;

    /**
     * @param existingCaArn issue from this ACTIVE CA instead of creating one
     */
    public record Args(
            String domain,
            String organization,
            AccountRegion location,
            Optional<String> existingCaArn,
            int deletionWindowDays,
            Tags tags) {}

    @Export(
            name = "certificateAuthorityArn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> certificateAuthorityArn;

    @Export(
            name = "certificateArn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> certificateArn;

    /**
     * The CA's ARN once it is ACTIVE, i.e. once its certificate is installed: what may be shared with other accounts
     * (they issue from it) must not be before it can issue. An existing CA is ACTIVE already.
     */
    public final Output<String> activeCertificateAuthorityArn;

    public PrivateCertificateAuthority(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        List<Resource> issuerReady;
        if (args.existingCaArn().isPresent()) {
            this.certificateAuthorityArn = Output.of(args.existingCaArn().get());
            this.activeCertificateAuthorityArn = certificateAuthorityArn;
            issuerReady = List.of();
        } else {
            var ca = new CertificateAuthority(
                    name + "-root",
                    CertificateAuthorityArgs.builder()
                            .type("ROOT")
                            // ACM issues private certificates only from general-purpose CAs.
                            .usageMode("GENERAL_PURPOSE")
                            .certificateAuthorityConfiguration(
                                    CertificateAuthorityCertificateAuthorityConfigurationArgs.builder()
                                            .keyAlgorithm(KEY_ALGORITHM)
                                            .signingAlgorithm(SIGNING_ALGORITHM)
                                            .subject(
                                                    CertificateAuthorityCertificateAuthorityConfigurationSubjectArgs
                                                            .builder()
                                                            .commonName(args.domain())
                                                            .organization(args.organization())
                                                            .build())
                                            .build())
                            .permanentDeletionTimeInDays(args.deletionWindowDays())
                            .tags(args.tags().named(args.domain()))
                            .build(),
                    child);
            var underCa = CustomResourceOptions.builder().parent(ca).build();
            // A ROOT CA stays PENDING_CERTIFICATE until it signs its own certificate and that is installed.
            var rootCertificate = new com.pulumi.aws.acmpca.Certificate(
                    name + "-root-certificate",
                    com.pulumi.aws.acmpca.CertificateArgs.builder()
                            .certificateAuthorityArn(ca.arn())
                            .certificateSigningRequest(ca.certificateSigningRequest())
                            .signingAlgorithm(SIGNING_ALGORITHM)
                            .templateArn(
                                    "arn:" + args.location().partition() + ":acm-pca:::template/RootCACertificate/V1")
                            .validity(CertificateValidityArgs.builder()
                                    .type("YEARS")
                                    .value(String.valueOf(ROOT_VALIDITY_YEARS))
                                    .build())
                            .build(),
                    underCa);
            var activation = new CertificateAuthorityCertificate(
                    name + "-activation",
                    CertificateAuthorityCertificateArgs.builder()
                            .certificateAuthorityArn(ca.arn())
                            .certificate(rootCertificate.certificate())
                            .certificateChain(rootCertificate.certificateChain())
                            .build(),
                    underCa);
            // ACM renews private certificates (13-month validity) only if it may issue from the CA.
            var acmRenewal = new Permission(
                    name + "-acm-renewal",
                    PermissionArgs.builder()
                            .certificateAuthorityArn(ca.arn())
                            .principal("acm.amazonaws.com")
                            .actions("IssueCertificate", "GetCertificate", "ListPermissions")
                            .sourceAccount(args.location().account())
                            .build(),
                    underCa);
            this.certificateAuthorityArn = ca.arn();
            // The installation's own output: whatever takes it waits for the installation.
            this.activeCertificateAuthorityArn = activation.certificateAuthorityArn();
            issuerReady = List.of(activation, acmRenewal);
        }
        // The Terraform original requests the certificate before the CA is ACTIVE and can fail.
        var certificate = ListenerCertificate.request(
                name + "-certificate",
                new ListenerCertificate.Args(args.domain(), certificateAuthorityArn, args.tags()),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(issuerReady)
                        .build());
        this.certificateArn = certificate.arn();
        registerOutputs(Map.of("certificateAuthorityArn", certificateAuthorityArn, "certificateArn", certificateArn));
    }
}
