package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.vpclattice.multicluster.components.IamRole;
import io.vpclattice.multicluster.components.PrivateCertificateAuthority;
import io.vpclattice.multicluster.components.PrivateDnsZone;
import io.vpclattice.multicluster.components.ServiceNetwork;
import io.vpclattice.multicluster.config.EnvironmentStackConfig;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.policies.Policies;

import java.util.Map;
import java.util.Optional;

/**
 * The shared environment: private DNS zone, private CA and certificate, the Lattice service network and the
 * IAM role client pods use. Cluster stacks read its outputs.
 */
public final class EnvironmentStack {
    private EnvironmentStack() {
    }

    public static void define(Context ctx, EnvironmentStackConfig config) {
        var common = config.common();
        String partition = common.partition();
        Output<String> account = AwsFunctions.getCallerIdentity().applyValue(identity -> identity.accountId());
        var noOptions = ComponentResourceOptions.builder().build();

        var zone = new PrivateDnsZone("private-zone", config.domain(),
                name -> Tags.named(common.project(), common.stack(), name), noOptions);

        var pki = new PrivateCertificateAuthority("pki", new PrivateCertificateAuthority.Args(
                config.domain(), config.organization(), partition, account, config.existingCertificateAuthorityArn(),
                config.caDeletionWindowDays(), Tags.named(common.project(), common.stack(), config.domain())), noOptions);

        var network = new ServiceNetwork("service-network", config.serviceNetworkName(),
                account.applyValue(a -> Policies.serviceNetworkAuthPolicy(partition, a)),
                Tags.named(common.project(), common.stack(), config.serviceNetworkName()), noOptions);

        var clientRole = new IamRole("sigv4-client", new IamRole.Args(
                Names.clientRole(common.environmentName()),
                "Pods that call VPC Lattice services through the SigV4 sidecar (EKS Pod Identity)",
                account.applyValue(a -> Policies.podIdentityTrust(a, config.clientNamespaces(), null, null)),
                Optional.of(Output.tuple(account, pki.certificateAuthorityArn)
                        .applyValue(t -> Policies.clientPermissions(partition, common.region(), t.t1, t.t2))),
                Map.of(),
                Tags.named(common.project(), common.stack(), Names.clientRole(common.environmentName()))), noOptions);

        EnvironmentOutputs.export(ctx, new EnvironmentOutputs<>(
                Output.of(common.region()),
                Output.of(config.domain()),
                zone.zoneId,
                zone.zoneArn,
                pki.certificateArn,
                pki.certificateAuthorityArn,
                network.serviceNetworkId,
                network.serviceNetworkArn,
                network.serviceNetworkName,
                clientRole.arn));
    }
}
