package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.kubernetes.SigV4Sidecar;
import io.vpclattice.multicluster.kubernetes.Workload;
import io.vpclattice.multicluster.naming.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A workload published through VPC Lattice as its hostname and callable only by the callers its auth policy names;
 * its pods run as their own service account, which Pod Identity gives the SigV4 client role, and call other
 * services through the SigV4 sidecar. The seed's demo and every configured service are one of these.
 */
public class LatticeService extends ComponentResource {
    /** The seed's demo; the type it has always had, so existing stacks keep its objects. */
    public static final String DEMO = "multicluster:app:DemoService";
    /** A service of the cluster's {@code services} config. */
    public static final String SERVICE = "multicluster:app:LatticeService";

    public record Args(
            ClusterHandle cluster,
            Workload workload,
            Publication publication,
            Client client,
            Dependencies dependencies,
            Tags tags) {}

    /**
     * How the service is published.
     *
     * @param gatewayName the Lattice Gateway the route attaches to
     * @param listeners   the Gateway's listeners the route attaches to
     * @param authPolicy  the Lattice auth policy of the service, decided from its callers
     */
    public record Publication(String gatewayName, List<String> listeners, String authPolicy) {
        public Publication {
            listeners = List.copyOf(listeners);
        }
    }

    /** How its pods call other services: through the sidecar, as the SigV4 client role. */
    public record Client(SigV4Sidecar sidecar, Output<String> clientRoleArn) {}

    /**
     * @param namespace      the workload's namespace with its identity ({@link ClientNamespace})
     * @param routeRunsAfter what the route needs to live and to be cleaned up: the Gateway and ExternalDNS
     */
    public record Dependencies(Resource namespace, List<Resource> routeRunsAfter) {
        public Dependencies {
            routeRunsAfter = List.copyOf(routeRunsAfter);
        }
    }

    @Export(
            name = "hostname",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> hostname;

    public LatticeService(String type, String name, Args args, ComponentResourceOptions options) {
        super(type, name, null, options);
        var cluster = args.cluster();
        var workload = args.workload();
        var publication = args.publication();
        var namespace = args.dependencies().namespace();
        var serviceAccount = new KubernetesObject(
                name + "-service-account",
                workload.serviceAccount(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(namespace)
                        .build());
        // Credentials and the region are injected when a pod is admitted, so the association comes first.
        var podIdentity = new PodIdentityAssociation(
                name + "-pod-identity",
                PodIdentityAssociationArgs.builder()
                        .clusterName(cluster.clusterName())
                        .namespace(workload.namespace())
                        .serviceAccount(workload.name())
                        .roleArn(args.client().clientRoleArn())
                        .tags(args.tags().named(workload.name()))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());

        var podDependencies = new ArrayList<Resource>(cluster.podsCanRun());
        podDependencies.add(serviceAccount);
        podDependencies.add(podIdentity);
        var deployment = new KubernetesObject(
                name + "-deployment",
                workload.deployment(args.client().sidecar()),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(podDependencies)
                        .build());
        var service = new KubernetesObject(
                name + "-service",
                workload.service(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(namespace)
                        .build());

        var routeDependencies = new ArrayList<Resource>(args.dependencies().routeRunsAfter());
        routeDependencies.add(service);
        routeDependencies.add(deployment);
        this.hostname = Output.of(workload.hostname());
        var route = new KubernetesObject(
                name + "-route",
                workload.route(publication.gatewayName(), publication.listeners()),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(routeDependencies)
                        .build());
        new KubernetesObject(
                name + "-auth-policy",
                workload.authPolicy(publication.authPolicy()),
                CustomResourceOptions.builder().parent(this).dependsOn(route).build());
        registerOutputs(Map.of("hostname", hostname));
    }
}
