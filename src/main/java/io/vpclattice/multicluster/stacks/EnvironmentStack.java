package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.vpclattice.multicluster.accounts.EnvironmentSharing;
import io.vpclattice.multicluster.components.EnvironmentShare;
import io.vpclattice.multicluster.components.IamRole;
import io.vpclattice.multicluster.components.PrivateCertificateAuthority;
import io.vpclattice.multicluster.components.PrivateDnsZone;
import io.vpclattice.multicluster.components.ServiceNetwork;
import io.vpclattice.multicluster.components.VpcBaseline;
import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ConfigSchema;
import io.vpclattice.multicluster.config.EnvironmentStackConfig;
import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.policies.Policies;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The shared environment: private DNS zone, private CA and certificate, the Lattice service network with its
 * access logs, and the IAM role client pods of this account use. When clusters run in other accounts, it shares
 * the network, the CA and the zone (through a Route 53 Profile) with them, and gives each such cluster a role
 * through which its ExternalDNS writes that cluster's records. Cluster stacks read its outputs.
 */
public final class EnvironmentStack {
    private EnvironmentStack() {}

    public static void define(Context ctx, EnvironmentStackConfig config) {
        var common = config.common();
        // Asked before the first resource, like a cluster stack's facts: a run without credentials creates nothing.
        var location = new AccountRegion(
                ClusterFacts.await(AwsFunctions.getCallerIdentityPlain()).accountId(), common.region());
        String account = location.account();
        String partition = location.partition();
        var members = common.clusterAccounts().members(account);
        EnvironmentSharing.problem(
                        common.project() + ":" + ConfigSchema.SHARED_WITH.name(),
                        config.sharedWith(),
                        account,
                        members,
                        common.clusterAccounts().clusters(),
                        config.domain())
                .ifPresent(problem -> {
                    throw new ConfigException(problem);
                });
        config.sharedWith()
                .breadthWarnings(common.project() + ":" + ConfigSchema.SHARED_WITH.name(), config.domain())
                .forEach(warning -> ctx.log().warn(warning));
        var tags = new Tags(common.project(), common.stack());
        var none = ComponentResourceOptions.builder().build();

        var zone = new PrivateDnsZone(
                "private-zone",
                new PrivateDnsZone.Args(
                        config.domain(),
                        // Named like the client role, from environmentName alone (at most 24 characters): the
                        // environment's stack name has no length limit, and IAM's role names stop at 64.
                        new VpcBaseline.Args(
                                common.environmentName() + "-zone-placeholder",
                                Names.environmentFlowLogsRole(common.environmentName()),
                                config.flowLogRetentionDays(),
                                location),
                        tags),
                none);

        var pki = new PrivateCertificateAuthority(
                "pki",
                new PrivateCertificateAuthority.Args(
                        config.domain(),
                        config.organization(),
                        location,
                        config.existingCertificateAuthorityArn(),
                        config.caDeletionWindowDays(),
                        tags),
                none);

        var network = new ServiceNetwork(
                "service-network",
                new ServiceNetwork.Args(
                        config.serviceNetworkName(),
                        Policies.serviceNetworkAuthPolicy(partition, account, config.sharedWith(), members.values()),
                        config.accessLogRetentionDays(),
                        tags),
                none);

        // The pods of every cluster of this account that call services: the configured namespaces, and those the
        // stack files give the client identity (where services run, and every caller they admit).
        var namespaces = new TreeSet<String>(config.clientNamespaces());
        common.clusterAccounts().clusters().stream()
                .filter(cluster ->
                        common.clusterAccounts().accountOf(cluster, account).equals(account))
                .forEach(cluster -> namespaces.addAll(common.calls().clientNamespaces(cluster)));
        var clientNamespaces = List.copyOf(namespaces);
        String clientRole = Names.clientRole(common.environmentName());
        var sigv4Client = new IamRole(
                "sigv4-client",
                new IamRole.Args(
                        clientRole,
                        "Pods that call VPC Lattice services through the SigV4 sidecar (EKS Pod Identity)",
                        Output.of(Policies.podIdentityTrust(account, clientNamespaces, null, null)),
                        Optional.of(pki.certificateAuthorityArn.applyValue(ca -> Policies.clientPermissions(
                                partition,
                                location.region(),
                                common.clusterAccounts().all(account),
                                ca))),
                        Map.of(),
                        tags),
                none);

        Output<String> dnsProfileId = config.sharedWith().isEmpty()
                ? Output.of("")
                : new EnvironmentShare(
                                "share",
                                new EnvironmentShare.Args(
                                        Names.environmentShare(common.environmentName()),
                                        config.sharedWith(),
                                        network.serviceNetworkArn,
                                        // Members request certificates from it as soon as it is shared.
                                        pki.activeCertificateAuthorityArn,
                                        zone.zoneArn,
                                        tags),
                                none)
                        .dnsProfileId;
        members.forEach((cluster, memberAccount) -> {
            String writer = Names.dnsWriterRole(common.environmentName(), cluster);
            String memberExternalDns = Policies.roleArn(
                    partition, memberAccount, Names.clusterRole(common.environmentName(), cluster, "external-dns"));
            new IamRole(
                    "dns-writer-" + cluster,
                    new IamRole.Args(
                            writer,
                            "ExternalDNS of cluster " + cluster + " (account " + memberAccount
                                    + "): its own records in the private zone",
                            Output.of(Policies.crossAccountRoleTrust(partition, memberAccount, memberExternalDns)),
                            Optional.of(zone.zoneArn.applyValue(arn -> Policies.externalDnsWriterPermissions(
                                    arn, Names.ownedRecordNames(cluster, config.domain())))),
                            Map.of(),
                            tags),
                    none);
        });

        var region = common.region();
        var domain = config.domain();
        var served = Map.copyOf(members);
        EnvironmentOutputs.export(
                ctx,
                Output.tuple(zone.zoneId, zone.zoneArn, pki.certificateArn, pki.certificateAuthorityArn)
                        .apply(dns -> Output.tuple(
                                        network.serviceNetworkId,
                                        network.serviceNetworkArn,
                                        network.serviceNetworkName,
                                        network.accessLogGroup,
                                        sigv4Client.arn,
                                        dnsProfileId)
                                .applyValue(lattice -> new EnvironmentOutputs(
                                        region,
                                        domain,
                                        dns.t1,
                                        dns.t2,
                                        dns.t3,
                                        dns.t4,
                                        lattice.t1,
                                        lattice.t2,
                                        lattice.t3,
                                        lattice.t5,
                                        account,
                                        clientNamespaces,
                                        lattice.t4,
                                        lattice.t6,
                                        served))));
    }
}
