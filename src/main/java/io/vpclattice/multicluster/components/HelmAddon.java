package io.vpclattice.multicluster.components;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.kubernetes.ApiKind;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.HelmCharts;
import io.vpclattice.multicluster.kubernetes.Manifest;
import io.vpclattice.multicluster.kubernetes.NetworkPolicies;
import io.vpclattice.multicluster.naming.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pinned Helm chart in its own namespace, with the AWS identity its service account gets through EKS Pod
 * Identity (associated before its pods start), and the objects that belong with it: some applied before the chart
 * (CRDs it needs), some after it and deleted before it (what must not outlive it). The Helm release waits until
 * the chart's workloads are ready, so whatever depends on {@link #release} finds them running.
 */
public class HelmAddon extends ComponentResource {
    /** The AWS Gateway API Controller and the Gateway API CRDs it serves. */
    public static final String GATEWAY_API_CONTROLLER = "multicluster:k8s:GatewayApiController";
    /** ExternalDNS, writing the routes' records into the private zone. */
    public static final String EXTERNAL_DNS = "multicluster:k8s:ExternalDns";
    /** Kyverno, adding the SigV4 sidecar to labelled pods the program does not make. */
    public static final String KYVERNO = "multicluster:k8s:Kyverno";

    /**
     * @param values   the chart's values
     * @param identity the AWS role of the chart's service account, if its pods call AWS
     */
    public record Args(
            ClusterHandle cluster,
            HelmCharts.Chart chart,
            String version,
            Output<Map<String, Object>> values,
            Optional<Identity> identity,
            Objects objects) {}

    /**
     * The IAM role only the chart's service account in this cluster may assume.
     *
     * @param permissions inline policy JSON from {@link io.vpclattice.multicluster.policies.Policies}
     */
    public record Identity(String roleName, String description, String permissions, Tags tags) {}

    /**
     * What the add-on comes with besides its chart.
     *
     * @param waitFor what else the chart needs first (another add-on's CRDs, say)
     * @param before  objects applied before the chart, such as CRDs
     * @param after   objects applied after the chart and deleted before it
     */
    public record Objects(List<Resource> waitFor, List<AddonObject> before, List<AddonObject> after) {
        public static final Objects NONE = new Objects(List.of(), List.of(), List.of());

        public Objects {
            waitFor = List.copyOf(waitFor);
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }

    /**
     * One object of the add-on, named {@code <add-on>-<suffix>}.
     *
     * @param type     fixed up front: the manifest may come from other resources' outputs
     */
    public record AddonObject(String suffix, ApiKind type, Output<Manifest> manifest) {
        public static AddonObject of(String suffix, Manifest manifest) {
            return new AddonObject(suffix, manifest.type(), Output.of(manifest));
        }
    }

    /** The chart, deployed and ready. */
    public final Release release;

    /** {@link Objects#after}, in their order: depending on one keeps the chart running until it is deleted. */
    public final List<KubernetesObject> after;

    public HelmAddon(String type, String name, Args args, ComponentResourceOptions options) {
        super(type, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var cluster = args.cluster();
        var chart = args.chart();

        var dependencies = new ArrayList<Resource>(cluster.podsCanRun());
        dependencies.addAll(args.objects().waitFor());
        for (AddonObject object : args.objects().before()) {
            dependencies.add(
                    new KubernetesObject(name + "-" + object.suffix(), object.type(), object.manifest(), child));
        }
        var namespace = new KubernetesObject(
                name + "-namespace", GatewayApiManifests.namespace(chart.namespace(), HelmCharts.RESTRICTED), child);
        dependencies.add(namespace);
        dependencies.add(new KubernetesObject(
                name + "-network-policy",
                NetworkPolicies.controllerNamespace(chart.namespace(), chart.ingressPorts()),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(namespace)
                        .build()));
        args.identity()
                .ifPresent(identity -> dependencies.add(new ServiceAccountRole(
                        name + "-role",
                        new ServiceAccountRole.Args(
                                cluster,
                                ServiceAccountRole.ServiceAccount.of(chart),
                                identity.roleName(),
                                identity.description(),
                                identity.permissions(),
                                identity.tags()),
                        ComponentResourceOptions.builder().parent(this).build())));

        var release = ReleaseArgs.builder()
                .name(chart.releaseName())
                .chart(chart.chart())
                .version(args.version())
                .namespace(chart.namespace())
                .values(args.values())
                // Image pulls on fresh nodes can be slow.
                .timeout(600)
                .cleanupOnFail(true);
        if (!chart.repository().isEmpty()) {
            release.repositoryOpts(
                    RepositoryOptsArgs.builder().repo(chart.repository()).build());
        }
        this.release = new Release(
                name,
                release.build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(dependencies)
                        .build());

        var followers = new ArrayList<KubernetesObject>();
        for (AddonObject object : args.objects().after()) {
            followers.add(new KubernetesObject(
                    name + "-" + object.suffix(),
                    object.type(),
                    object.manifest(),
                    CustomResourceOptions.builder()
                            .parent(this)
                            .dependsOn(this.release)
                            .build()));
        }
        this.after = List.copyOf(followers);
        registerOutputs(Map.of());
    }
}
