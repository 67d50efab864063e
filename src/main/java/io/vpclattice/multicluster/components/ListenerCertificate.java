package io.vpclattice.multicluster.components;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.inputs.CertificateOptionsArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.naming.Tags;

import java.util.Map;

/**
 * The ACM private certificate for {@code <domain>} and {@code *.<domain>} that the Lattice HTTPS listeners of one
 * account present, issued by the environment's private CA. A listener with a certificate of another account is not
 * documented, so a cluster in another account requests its own from the shared CA; ACM renews it from there.
 */
public class ListenerCertificate extends ComponentResource {
    public static final String TYPE = "multicluster:pki:ListenerCertificate";

    public record Args(String domain, Output<String> certificateAuthorityArn, Tags tags) {}

    @Export(
            name = "certificateArn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> certificateArn;

    public ListenerCertificate(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        this.certificateArn = request(
                        name, args, CustomResourceOptions.builder().parent(this).build())
                .arn();
        registerOutputs(Map.of("certificateArn", certificateArn));
    }

    /** The certificate itself, for the environment's own listeners, which must wait until its new CA is ready. */
    static Certificate request(String name, Args args, CustomResourceOptions options) {
        return new Certificate(
                name,
                CertificateArgs.builder()
                        .domainName(args.domain())
                        .subjectAlternativeNames("*." + args.domain())
                        .certificateAuthorityArn(args.certificateAuthorityArn())
                        .options(CertificateOptionsArgs.builder()
                                .certificateTransparencyLoggingPreference("DISABLED")
                                .build())
                        .tags(args.tags().named(args.domain()))
                        .build(),
                options);
    }
}
