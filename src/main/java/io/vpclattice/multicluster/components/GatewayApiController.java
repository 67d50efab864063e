package io.vpclattice.multicluster.components;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.kubernetes.ApiKind;
import io.vpclattice.multicluster.kubernetes.CrdRelease;
import io.vpclattice.multicluster.kubernetes.CrdStore;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.HelmCharts;
import io.vpclattice.multicluster.kubernetes.KubernetesObject;
import io.vpclattice.multicluster.kubernetes.Manifest;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The Gateway API CRDs and the AWS Gateway API Controller that turns Gateway API objects into VPC Lattice
 * services. The controller's pods get AWS credentials through EKS Pod Identity, associated before they start.
 * On destroy the release goes before the CRDs, so the controller can still finalise routes.
 */
public class GatewayApiController extends ComponentResource {
    public static final String TYPE = "multicluster:k8s:GatewayApiController";
    private static final HelmCharts.Chart CHART = HelmCharts.GATEWAY_CONTROLLER;

    /**
     * @param crdContents the release's files as {@link CrdStore#readAll} returned them, checked against their pins
     * @param runsAfter   what must be ready before the controller's pods can run (nodes, DNS, Pod Identity agent)
     */
    public record Args(CrdRelease crds, List<Optional<byte[]>> crdContents, String chartVersion, String eksClusterName,
                       Output<String> clusterName, Output<String> vpcId, String region, String partition,
                       String account, String roleName, List<Resource> runsAfter,
                       Function<String, Map<String, String>> tags) {
    }

    /** Gateway API objects may be created once this is deployed. */
    public final Release helmRelease;

    public GatewayApiController(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // Parsing a megabyte of YAML, which cannot fail once the digests match, runs beside the rest of the program.
        var release = args.crds();
        var contents = args.crdContents();
        CompletableFuture<List<Manifest>> crdManifests = CompletableFuture.supplyAsync(() -> {
            var manifests = new ArrayList<Manifest>();
            for (int i = 0; i < release.files().size(); i++) {
                var file = release.files().get(i);
                manifests.add(contents.get(i).map(content -> GatewayApiCrds.parse(file, content))
                        .orElseGet(() -> GatewayApiCrds.notFetched(release, file)));
            }
            return manifests;
        });
        var crds = new ArrayList<Resource>();
        for (int i = 0; i < args.crds().files().size(); i++) {
            int index = i;
            var file = args.crds().files().get(i);
            crds.add(new KubernetesObject(name + "-crd-" + file.crdName().split("\\.", -1)[0], ApiKind.CUSTOM_RESOURCE_DEFINITION,
                    Output.of(crdManifests).applyValue(all -> all.get(index)), child));
        }

        var namespace = new KubernetesObject(name + "-namespace", GatewayApiManifests.namespace(CHART.namespace(), Map.of()), child);
        var credentials = new ServiceAccountRole(name + "-role", new ServiceAccountRole.Args(args.roleName(),
                "AWS Gateway API Controller of " + args.eksClusterName() + " (EKS Pod Identity)",
                args.eksClusterName(), args.clusterName(), CHART.namespace(), CHART.serviceAccount(), args.account(),
                Policies.gatewayControllerPermissions(args.partition()), args.tags().apply(args.roleName())),
                ComponentResourceOptions.builder().parent(this).build());

        var dependencies = new ArrayList<Resource>(args.runsAfter());
        dependencies.addAll(crds);
        dependencies.add(namespace);
        dependencies.add(credentials);
        this.helmRelease = new Release(name, ReleaseArgs.builder()
                .name(CHART.releaseName())
                .chart(CHART.chart())
                .version(args.chartVersion())
                .namespace(CHART.namespace())
                .values(Output.tuple(args.clusterName(), args.vpcId())
                        .applyValue(t -> HelmCharts.gatewayControllerValues(t.t1, t.t2, args.region(), args.account())))
                // Image pulls on fresh nodes can be slow.
                .timeout(600)
                .cleanupOnFail(true)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(dependencies).build());
        registerOutputs(Map.of("releaseName", helmRelease.name()));
    }
}
