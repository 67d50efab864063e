package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.kubernetes.DemoWorkload;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.KubernetesObject;
import io.vpclattice.multicluster.kubernetes.SigV4Sidecar;
import io.vpclattice.multicluster.naming.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo service of a cluster, published through VPC Lattice as {@code demo-<cluster>.<domain>} and callable
 * only by the callers its auth policy names; its pods call other clusters' services through the SigV4 sidecar.
 */
public class DemoService extends ComponentResource {
    public static final String TYPE = "multicluster:app:DemoService";

    /**
     * @param authPolicy     the Lattice auth policy of the service, decided from the caller rules
     * @param podsRunAfter   what pods need first: nodes, DNS and the Pod Identity agent
     * @param routesRunAfter what the route needs to live and to be cleaned up: the Gateway and ExternalDNS
     */
    public record Args(String cluster, ClusterStackConfig.Demo demo, List<String> listeners, String region,
                       Output<String> clusterName, String domain, String gatewayName,
                       String certificateAuthorityArn, String clientRoleArn,
                       String authPolicy, List<Resource> podsRunAfter, List<Resource> routesRunAfter,
                       Function<String, Map<String, String>> tags) {
    }

    @Export(name = "hostname", refs = {String.class}, tree = "[0]")
    public final Output<String> hostname;

    public DemoService(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        String cluster = args.cluster();
        var demo = args.demo();
        var namespace = new KubernetesObject(name + "-namespace",
                GatewayApiManifests.namespace(DemoWorkload.NAMESPACE, GatewayApiManifests.ROUTE_NAMESPACE_LABEL),
                CustomResourceOptions.builder().parent(this).build());
        // Credentials and the region are injected when a pod is admitted, so the association comes first.
        var podIdentity = new PodIdentityAssociation(name + "-pod-identity", PodIdentityAssociationArgs.builder()
                .clusterName(args.clusterName())
                .namespace(DemoWorkload.NAMESPACE)
                .serviceAccount("default")
                .roleArn(args.clientRoleArn())
                .tags(args.tags().apply(Names.demoApp(cluster)))
                .build(), CustomResourceOptions.builder().parent(this).build());

        var podDependencies = new ArrayList<Resource>(args.podsRunAfter());
        podDependencies.add(namespace);
        podDependencies.add(podIdentity);
        var deployment = new KubernetesObject(name + "-deployment", DemoWorkload.deployment(cluster, demo.appImage(),
                new SigV4Sidecar(demo.sigv4ProxyImage(), demo.iptablesImage(), args.certificateAuthorityArn(), args.region(),
                        args.domain())),
                CustomResourceOptions.builder().parent(this).dependsOn(podDependencies).build());
        var service = new KubernetesObject(name + "-service", DemoWorkload.service(cluster),
                CustomResourceOptions.builder().parent(this).dependsOn(namespace).build());

        var routeDependencies = new ArrayList<Resource>(args.routesRunAfter());
        routeDependencies.add(service);
        routeDependencies.add(deployment);
        String host = Names.demoHostname(cluster, args.domain());
        this.hostname = Output.of(host);
        var route = new KubernetesObject(name + "-route", GatewayApiManifests.httpRoute(Names.demoRoute(cluster),
                DemoWorkload.NAMESPACE, host, args.gatewayName(), args.listeners(), Names.demoApp(cluster), DemoWorkload.SERVICE_PORT),
                CustomResourceOptions.builder().parent(this).dependsOn(routeDependencies).build());
        new KubernetesObject(name + "-auth-policy", GatewayApiManifests.iamAuthPolicy(Names.demoAuthPolicy(cluster),
                DemoWorkload.NAMESPACE, Names.demoRoute(cluster), args.authPolicy()),
                CustomResourceOptions.builder().parent(this).dependsOn(route).build());
        registerOutputs(Map.of("hostname", hostname));
    }
}
