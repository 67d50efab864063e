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
import io.vpclattice.multicluster.naming.AccountRegion;
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
        // Asked before the first resource, like a cluster stack's facts: a run without credentials creates nothing.
        var location = new AccountRegion(ClusterFacts.await(AwsFunctions.getCallerIdentityPlain()).accountId(),
                common.region());
        String partition = location.partition();
        var tags = new Tags(common.project(), common.stack());
        var none = ComponentResourceOptions.builder().build();

        var zone = new PrivateDnsZone("private-zone", new PrivateDnsZone.Args(config.domain(), tags), none);

        var pki = new PrivateCertificateAuthority("pki", new PrivateCertificateAuthority.Args(config.domain(),
                config.organization(), location, config.existingCertificateAuthorityArn(),
                config.caDeletionWindowDays(), tags), none);

        var network = new ServiceNetwork("service-network", new ServiceNetwork.Args(config.serviceNetworkName(),
                Policies.serviceNetworkAuthPolicy(partition, location.account()), tags), none);

        String clientRole = Names.clientRole(common.environmentName());
        var sigv4Client = new IamRole("sigv4-client", new IamRole.Args(clientRole,
                "Pods that call VPC Lattice services through the SigV4 sidecar (EKS Pod Identity)",
                Output.of(Policies.podIdentityTrust(location.account(), config.clientNamespaces(), null, null)),
                Optional.of(pki.certificateAuthorityArn.applyValue(ca ->
                        Policies.clientPermissions(partition, location.region(), location.account(), ca))),
                Map.of(), tags), none);

        EnvironmentOutputs.export(ctx, EnvironmentOutputs.from(key -> switch (key) {
            case REGION -> Output.of(common.region());
            case DOMAIN -> Output.of(config.domain());
            case PRIVATE_ZONE_ID -> zone.zoneId;
            case PRIVATE_ZONE_ARN -> zone.zoneArn;
            case CERTIFICATE_ARN -> pki.certificateArn;
            case CERTIFICATE_AUTHORITY_ARN -> pki.certificateAuthorityArn;
            case SERVICE_NETWORK_ID -> network.serviceNetworkId;
            case SERVICE_NETWORK_ARN -> network.serviceNetworkArn;
            case SERVICE_NETWORK_NAME -> network.serviceNetworkName;
            case CLIENT_ROLE_ARN -> sigv4Client.arn;
        }));
    }
}
