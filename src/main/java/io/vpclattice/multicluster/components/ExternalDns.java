package io.vpclattice.multicluster.components;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.HelmCharts;
import io.vpclattice.multicluster.kubernetes.KubernetesObject;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ExternalDNS, publishing the DNSEndpoint objects the Gateway API controller writes into the environment's
 * private zone, with a Pod Identity role limited to that zone.
 */
public class ExternalDns extends ComponentResource {
    public static final String TYPE = "multicluster:k8s:ExternalDns";
    private static final HelmCharts.Chart CHART = HelmCharts.EXTERNAL_DNS;

    /**
     * @param runsAfter what must be ready first: nodes, DNS, the Pod Identity agent, and the controller release
     *                  that installs the DNSEndpoint CRD
     */
    public record Args(String chartVersion, String eksClusterName, String region, Output<String> clusterName, String domain,
                       String zoneArn, String account, String roleName, List<Resource> runsAfter,
                       Function<String, Map<String, String>> tags) {
    }

    /**
     * Routes depend on this: it is deleted after them and takes long enough that ExternalDNS removes their
     * records before it is uninstalled.
     */
    public final KubernetesObject recordsDrained;

    public ExternalDns(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var namespace = new KubernetesObject(name + "-namespace", GatewayApiManifests.namespace(CHART.namespace(), Map.of()), child);
        var credentials = new ServiceAccountRole(name + "-role", new ServiceAccountRole.Args(args.roleName(),
                "ExternalDNS of " + args.eksClusterName() + ": records of the private zone only (EKS Pod Identity)",
                args.eksClusterName(), args.clusterName(), CHART.namespace(), CHART.serviceAccount(), args.account(),
                Policies.externalDnsPermissions(args.zoneArn()), args.tags().apply(args.roleName())),
                ComponentResourceOptions.builder().parent(this).build());

        var dependencies = new ArrayList<Resource>(args.runsAfter());
        dependencies.add(namespace);
        dependencies.add(credentials);
        var release = new Release(name, ReleaseArgs.builder()
                .name(CHART.releaseName())
                .chart(CHART.chart())
                .version(args.chartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART.repository()).build())
                .namespace(CHART.namespace())
                .values(HelmCharts.externalDnsValues(args.domain(), args.eksClusterName(), args.region()))
                .timeout(600)
                .cleanupOnFail(true)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(dependencies).build());
        this.recordsDrained = new KubernetesObject(name + "-drain", HelmCharts.dnsDrainDeployment(),
                CustomResourceOptions.builder().parent(this).dependsOn(release).build());
        registerOutputs(Map.of("releaseName", release.name()));
    }
}
