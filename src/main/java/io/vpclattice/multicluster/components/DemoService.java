package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.kubernetes.DemoWorkload;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.SigV4Sidecar;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo service of a cluster, published through VPC Lattice as {@code demo-<cluster>.<domain>} and callable
 * only by the callers its auth policy names; its pods call other clusters' services through the SigV4 sidecar.
 */
public class DemoService extends ComponentResource {
    public static final String TYPE = "multicluster:app:DemoService";

    /** @param routeRunsAfter what the route needs to live and to be cleaned up: the Gateway and ExternalDNS */
    public record Args(
            ClusterHandle cluster,
            Images images,
            Publication publication,
            Client client,
            List<Resource> routeRunsAfter,
            Tags tags) {
        public Args {
            routeRunsAfter = List.copyOf(routeRunsAfter);
        }
    }

    public record Images(String app, String sigv4Proxy, String iptables) {}

    /**
     * How the service is published.
     *
     * @param gatewayName the Lattice Gateway the route attaches to
     * @param listeners   the Gateway's listeners the route attaches to
     * @param authPolicy  the Lattice auth policy of the service, decided from the caller rules
     */
    public record Publication(String domain, String gatewayName, List<String> listeners, String authPolicy) {
        public Publication {
            listeners = List.copyOf(listeners);
        }
    }

    /**
     * How its pods call other services: as the SigV4 client role, trusting the private CA.
     */
    public record Client(String certificateAuthorityArn, Output<String> clientRoleArn) {}

    @Export(
            name = "hostname",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> hostname;

    public DemoService(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var cluster = args.cluster();
        String shortName = cluster.cluster();
        var publication = args.publication();
        var namespace = new KubernetesObject(
                name + "-namespace",
                GatewayApiManifests.namespace(DemoWorkload.NAMESPACE, GatewayApiManifests.ROUTE_NAMESPACE_LABEL),
                CustomResourceOptions.builder().parent(this).build());
        // Credentials and the region are injected when a pod is admitted, so the association comes first.
        var podIdentity = new PodIdentityAssociation(
                name + "-pod-identity",
                PodIdentityAssociationArgs.builder()
                        .clusterName(cluster.clusterName())
                        .namespace(DemoWorkload.NAMESPACE)
                        .serviceAccount("default")
                        .roleArn(args.client().clientRoleArn())
                        .tags(args.tags().named(Names.demoApp(shortName)))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());

        var podDependencies = new ArrayList<Resource>(cluster.podsCanRun());
        podDependencies.add(namespace);
        podDependencies.add(podIdentity);
        var deployment = new KubernetesObject(
                name + "-deployment",
                DemoWorkload.deployment(
                        shortName,
                        args.images().app(),
                        new SigV4Sidecar(
                                args.images().sigv4Proxy(),
                                args.images().iptables(),
                                args.client().certificateAuthorityArn(),
                                cluster.location().region(),
                                publication.domain())),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(podDependencies)
                        .build());
        var service = new KubernetesObject(
                name + "-service",
                DemoWorkload.service(shortName),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(namespace)
                        .build());

        var routeDependencies = new ArrayList<Resource>(args.routeRunsAfter());
        routeDependencies.add(service);
        routeDependencies.add(deployment);
        String host = Names.demoHostname(shortName, publication.domain());
        this.hostname = Output.of(host);
        var route = new KubernetesObject(
                name + "-route",
                GatewayApiManifests.httpRoute(
                        Names.demoRoute(shortName),
                        DemoWorkload.NAMESPACE,
                        host,
                        publication.gatewayName(),
                        publication.listeners(),
                        Names.demoApp(shortName),
                        DemoWorkload.SERVICE_PORT),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(routeDependencies)
                        .build());
        new KubernetesObject(
                name + "-auth-policy",
                GatewayApiManifests.iamAuthPolicy(
                        Names.demoAuthPolicy(shortName),
                        DemoWorkload.NAMESPACE,
                        Names.demoRoute(shortName),
                        publication.authPolicy()),
                CustomResourceOptions.builder().parent(this).dependsOn(route).build());
        registerOutputs(Map.of("hostname", hostname));
    }
}
