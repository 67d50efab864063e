package io.vpclattice.multicluster.components;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.kubernetes.ApiKind;
import io.vpclattice.multicluster.kubernetes.CrdManifests;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.HelmCharts;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.Map;

/**
 * The Gateway API CRDs and the AWS Gateway API Controller that turns Gateway API objects into VPC Lattice
 * services. The controller's pods get AWS credentials through EKS Pod Identity, associated before they start.
 * On destroy the release goes before the CRDs, so the controller can still finalise routes.
 */
public class GatewayApiController extends ComponentResource {
    public static final String TYPE = "multicluster:k8s:GatewayApiController";
    private static final HelmCharts.Chart CHART = HelmCharts.GATEWAY_CONTROLLER;

    /** @param crds the Gateway API release's CRDs, checked against their pins */
    public record Args(
            ClusterHandle cluster,
            CrdManifests crds,
            String chartVersion,
            Output<String> vpcId,
            String roleName,
            Tags tags) {}

    /** Gateway API objects may be created once this is deployed. */
    public final Release helmRelease;

    public GatewayApiController(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var cluster = args.cluster();

        var crds = new ArrayList<Resource>();
        var files = args.crds().release().files();
        for (int i = 0; i < files.size(); i++) {
            int index = i;
            crds.add(new KubernetesObject(
                    name + "-crd-" + files.get(i).crdName().split("\\.", -1)[0],
                    ApiKind.CUSTOM_RESOURCE_DEFINITION,
                    Output.of(args.crds().manifests()).applyValue(all -> all.get(index)),
                    child));
        }

        var namespace = new KubernetesObject(
                name + "-namespace", GatewayApiManifests.namespace(CHART.namespace(), Map.of()), child);
        var credentials = new ServiceAccountRole(
                name + "-role",
                new ServiceAccountRole.Args(
                        cluster,
                        ServiceAccountRole.ServiceAccount.of(CHART),
                        args.roleName(),
                        "AWS Gateway API Controller of " + cluster.eksClusterName() + " (EKS Pod Identity)",
                        Policies.gatewayControllerPermissions(cluster.location().partition()),
                        args.tags()),
                ComponentResourceOptions.builder().parent(this).build());

        var dependencies = new ArrayList<Resource>(cluster.podsCanRun());
        dependencies.addAll(crds);
        dependencies.add(namespace);
        dependencies.add(credentials);
        this.helmRelease = new Release(
                name,
                ReleaseArgs.builder()
                        .name(CHART.releaseName())
                        .chart(CHART.chart())
                        .version(args.chartVersion())
                        .namespace(CHART.namespace())
                        .values(Output.tuple(cluster.clusterName(), args.vpcId())
                                .applyValue(t -> HelmCharts.gatewayControllerValues(
                                        t.t1,
                                        t.t2,
                                        cluster.location().region(),
                                        cluster.location().account())))
                        // Image pulls on fresh nodes can be slow.
                        .timeout(600)
                        .cleanupOnFail(true)
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(dependencies)
                        .build());
        registerOutputs(Map.of());
    }
}
