package io.vpclattice.multicluster.components;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.HelmCharts;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * ExternalDNS, publishing the DNSEndpoint objects the Gateway API controller writes into the environment's
 * private zone, with a Pod Identity role limited to that zone.
 */
public class ExternalDns extends ComponentResource {
    public static final String TYPE = "multicluster:k8s:ExternalDns";
    private static final HelmCharts.Chart CHART = HelmCharts.EXTERNAL_DNS;

    /** @param dnsEndpointCrd what installs the DNSEndpoint CRD (the controller's release) */
    public record Args(
            ClusterHandle cluster,
            PrivateZone zone,
            String chartVersion,
            String roleName,
            Resource dnsEndpointCrd,
            Tags tags) {}

    /**
     * The private zone records go to.
     *
     * @param writerRoleArn the zone account's role ExternalDNS writes through when the zone is in another account
     */
    public record PrivateZone(String domain, String arn, Optional<String> writerRoleArn) {}

    /**
     * Routes depend on this: it is deleted after them and takes long enough that ExternalDNS removes their
     * records before it is uninstalled.
     */
    public final KubernetesObject recordsDrained;

    public ExternalDns(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var cluster = args.cluster();
        var namespace = new KubernetesObject(
                name + "-namespace", GatewayApiManifests.namespace(CHART.namespace(), Map.of()), child);
        var credentials = new ServiceAccountRole(
                name + "-role",
                new ServiceAccountRole.Args(
                        cluster,
                        ServiceAccountRole.ServiceAccount.of(CHART),
                        args.roleName(),
                        "ExternalDNS of " + cluster.eksClusterName()
                                + ": records of the private zone only (EKS Pod Identity)",
                        args.zone()
                                .writerRoleArn()
                                .map(Policies::assumeRolePermissions)
                                .orElseGet(() -> Policies.externalDnsPermissions(
                                        args.zone().arn())),
                        args.tags()),
                ComponentResourceOptions.builder().parent(this).build());

        var dependencies = new ArrayList<Resource>(cluster.podsCanRun());
        dependencies.add(args.dnsEndpointCrd());
        dependencies.add(namespace);
        dependencies.add(credentials);
        var release = new Release(
                name,
                ReleaseArgs.builder()
                        .name(CHART.releaseName())
                        .chart(CHART.chart())
                        .version(args.chartVersion())
                        .repositoryOpts(RepositoryOptsArgs.builder()
                                .repo(CHART.repository())
                                .build())
                        .namespace(CHART.namespace())
                        .values(HelmCharts.externalDnsValues(
                                args.zone().domain(),
                                cluster.eksClusterName(),
                                cluster.location().region(),
                                args.zone().writerRoleArn()))
                        .timeout(600)
                        .cleanupOnFail(true)
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(dependencies)
                        .build());
        this.recordsDrained = new KubernetesObject(
                name + "-drain",
                HelmCharts.dnsDrainDeployment(),
                CustomResourceOptions.builder().parent(this).dependsOn(release).build());
        registerOutputs(Map.of());
    }
}
