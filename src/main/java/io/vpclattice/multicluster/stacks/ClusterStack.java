package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.components.ClientNamespace;
import io.vpclattice.multicluster.components.ClusterVpc;
import io.vpclattice.multicluster.components.EksCluster;
import io.vpclattice.multicluster.components.EksClusterArgs;
import io.vpclattice.multicluster.components.EnvironmentAttachment;
import io.vpclattice.multicluster.components.IamRole;
import io.vpclattice.multicluster.components.LatticeGateway;
import io.vpclattice.multicluster.components.LatticeService;
import io.vpclattice.multicluster.components.ListenerCertificate;
import io.vpclattice.multicluster.components.VpcBaseline;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.kubernetes.ClientNamespaces;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.Kubeconfig;
import io.vpclattice.multicluster.kubernetes.SidecarInjection;
import io.vpclattice.multicluster.kubernetes.SigV4Sidecar;
import io.vpclattice.multicluster.kubernetes.Workload;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.network.SubnetPlan;
import io.vpclattice.multicluster.policies.Caller;
import io.vpclattice.multicluster.policies.CallerRule;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One cluster: its VPC (overlapping the others on purpose), its EKS cluster, its attachment to the shared zone
 * and service network, and in it the Gateway API controller, ExternalDNS, the Lattice Gateway and the demo
 * service with the auth policy its config's {@code allowedCallers} decide.
 *
 * <p>Dependencies carry the order of the original's destroy script: on destroy the auth policy and route go first
 * while the controller and ExternalDNS still run to clean up Lattice and DNS, then the controllers, then the
 * CRDs, the node group and the cluster.
 */
public final class ClusterStack {
    private ClusterStack() {}

    private static final ComponentResourceOptions NO_OPTIONS =
            ComponentResourceOptions.builder().build();

    public static void define(Context ctx, ClusterStackConfig config, CrdStore crdStore) {
        var preflight = ClusterPreflight.run(config, crdStore);
        preflight.access().warnings().forEach(warning -> ctx.log().warn(warning));
        var environment = preflight.environment();
        var placement = preflight.placement();
        var common = config.common();
        String cluster = config.cluster();
        String eksName = Names.eksCluster(cluster);
        var tags = new Tags(common.project(), common.stack());
        var platform = config.platform();

        var subnets = SubnetPlan.decide(
                config.network().vpcCidr(),
                config.network().availabilityZoneCount(),
                config.network().natGateways());
        var vpc = new ClusterVpc(
                "vpc",
                new ClusterVpc.Args(
                        eksName,
                        subnets,
                        preflight.facts().zoneNames(),
                        new VpcBaseline.Args(
                                eksName,
                                Names.clusterRole(common.environmentName(), cluster, "vpc-flow-logs"),
                                config.network().flowLogRetentionDays(),
                                placement.location()),
                        config.network().interfaceEndpoints(),
                        tags),
                NO_OPTIONS);
        var eks = new EksCluster("eks", eksArgs(config, preflight, vpc, tags), NO_OPTIONS);

        var attachment = new EnvironmentAttachment(
                "environment",
                new EnvironmentAttachment.Args(
                        eksName,
                        vpc.vpcId,
                        subnets.vpc().toString(),
                        new EnvironmentAttachment.Environment(
                                placement.serviceNetwork(), environment.privateZoneId(), placement.dnsProfileId()),
                        new EnvironmentAttachment.LatticeTraffic(
                                GatewayApiManifests.listenerPorts(platform.httpListener()),
                                preflight.facts().latticePrefixListId(),
                                eks.clusterSecurityGroupId,
                                eks.clusterResourceUrn),
                        tags),
                NO_OPTIONS);

        var controller = ClusterAddons.gatewayApiController(
                eks.handle,
                preflight.crds(),
                platform.gatewayControllerChartVersion(),
                vpc.vpcId,
                Names.clusterRole(common.environmentName(), cluster, "gateway-controller"),
                tags);
        var externalDns = ClusterAddons.externalDns(
                eks.handle,
                environment.domain(),
                environment.privateZoneArn(),
                placement.dnsWriterRoleArn(),
                platform.externalDnsChartVersion(),
                Names.clusterRole(common.environmentName(), cluster, "external-dns"),
                controller.release,
                tags);

        Output<String> certificateArn = placement.ownsCertificate()
                ? new ListenerCertificate(
                                "certificate",
                                new ListenerCertificate.Args(
                                        environment.domain(), Output.of(environment.certificateAuthorityArn()), tags),
                                NO_OPTIONS)
                        .certificateArn
                : Output.of(environment.certificateArn());
        var gateway = new LatticeGateway(
                "lattice-gateway",
                new LatticeGateway.Args(
                        placement.gatewayName(),
                        certificateArn,
                        platform.httpListener(),
                        List.of(controller.release, attachment)),
                eks.handle.inCluster());

        Output<String> clientRoleArn = placement.ownsClientRole()
                ? ownClientRole(config, preflight, tags)
                : Output.of(environment.clientRoleArn());
        var sidecar = new SigV4Sidecar(
                config.demo().sigv4ProxyImage(),
                config.demo().iptablesImage(),
                environment.certificateAuthorityArn(),
                common.region(),
                environment.domain());
        var namespaces = new TreeMap<String, ClientNamespace>();
        for (String namespace : common.calls().clientNamespaces(cluster)) {
            namespaces.put(
                    namespace,
                    new ClientNamespace(
                            "client-" + namespace,
                            new ClientNamespace.Args(
                                    eks.handle,
                                    namespace,
                                    clientRoleArn,
                                    namespace.equals(Workload.DEMO_NAMESPACE)
                                            ? Optional.of(
                                                    FORMER_DEMO_NAMESPACE.formatted(common.stack(), common.project()))
                                            : Optional.empty(),
                                    tags),
                            eks.handle.inCluster()));
        }
        ClusterAddons.kyverno(eks.handle, platform.kyvernoChartVersion(), sidecar);

        var routeRunsAfter = List.<Resource>of(gateway.gateway, externalDns.after.get(0), controller.release);
        var published = new ArrayList<PublishedService>();
        for (var service : services(config, environment.domain())) {
            String authPolicy = Policies.serviceAuthPolicy(
                    placement.location().partition(),
                    placement.location().account(),
                    callers(config, preflight, service.callers()));
            var workload = service.workload();
            new LatticeService(
                    service.type(),
                    service.componentName(),
                    new LatticeService.Args(
                            eks.handle,
                            workload,
                            new LatticeService.Publication(
                                    placement.gatewayName(),
                                    GatewayApiManifests.listenerNames(platform.httpListener()),
                                    authPolicy),
                            new LatticeService.Client(sidecar, clientRoleArn),
                            new LatticeService.Dependencies(namespaces.get(workload.namespace()), routeRunsAfter),
                            tags),
                    eks.handle.inCluster());
            published.add(new PublishedService(service, authPolicy));
        }

        var access = preflight.access();
        var demo = published.get(0);
        new ClusterOutputs(
                        eks.clusterName,
                        common.region(),
                        eks.endpoint,
                        eks.kubeconfig,
                        eks.adminPrincipalArn,
                        String.join(
                                " ",
                                Kubeconfig.tokenCommand(
                                        eksName, common.region(), access.awsProfile(), access.assumeRoleArn())),
                        Names.configureKubectl(eksName, common.region(), access.awsProfile(), access.assumeRoleArn()),
                        Names.kubeContext(eksName),
                        vpc.vpcId,
                        subnets.vpc().toString(),
                        placement.location().account(),
                        Output.of(demo.service().workload().hostname()),
                        demo.service().workload().name(),
                        demo.service().workload().name(),
                        demo.service().workload().namespace(),
                        demo.service().workload().authPolicyName(),
                        demo.service().callers().stream()
                                .map(CallerRule::toString)
                                .toList(),
                        demo.authPolicy(),
                        published.stream().map(PublishedService::output).toList(),
                        List.copyOf(namespaces.keySet()),
                        SidecarInjection.POD_LABEL + "=true",
                        ClientNamespaces.SERVICE_ACCOUNT,
                        config.demo().appImage())
                .export(ctx);
    }

    /**
     * Where the demo's namespace was registered while the demo created it: its client namespace takes it over
     * under this alias, so the namespace, and everything in it, is kept.
     */
    private static final String FORMER_DEMO_NAMESPACE =
            "urn:pulumi:%s::%s::multicluster:app:DemoService$kubernetes:core/v1:Namespace::demo-namespace";

    /** A workload the cluster publishes, with what its component is called and who may call it. */
    record ServiceWorkload(String type, String componentName, Workload workload, List<CallerRule> callers) {}

    /** A published workload and the auth policy its callers gave it. */
    record PublishedService(ServiceWorkload service, String authPolicy) {
        Map<String, Object> output() {
            var workload = service.workload();
            var output = new LinkedHashMap<String, Object>();
            output.put("name", workload.name());
            output.put("namespace", workload.namespace());
            output.put("hostname", workload.hostname());
            output.put("deployment", workload.name());
            output.put("container", workload.name());
            output.put("route", workload.route());
            output.put("authPolicy", workload.authPolicyName());
            output.put(
                    "callers",
                    service.callers().stream().map(CallerRule::toString).toList());
            return output;
        }
    }

    /** The configured services, or the seed's demo when none is configured. */
    static List<ServiceWorkload> services(ClusterStackConfig config, String domain) {
        String cluster = config.cluster();
        if (config.runsDemo()) {
            return List.of(new ServiceWorkload(
                    LatticeService.DEMO,
                    "demo",
                    Workload.demo(cluster, config.demo().appImage(), domain),
                    config.demo().allowedCallers()));
        }
        return config.services().stream()
                .map(service -> new ServiceWorkload(
                        LatticeService.SERVICE,
                        "service-" + service.name(),
                        Workload.service(
                                service.name(),
                                cluster,
                                service.namespace(),
                                service.image(),
                                service.port(),
                                service.replicas(),
                                domain),
                        service.callers()))
                .toList();
    }

    private static EksClusterArgs eksArgs(
            ClusterStackConfig config, ClusterPreflight preflight, ClusterVpc vpc, Tags tags) {
        var common = config.common();
        var eks = config.eks();
        var nodes = eks.nodeScaling();
        return new EksClusterArgs(
                new EksClusterArgs.ControlPlane(
                        config.cluster(),
                        preflight.placement().location(),
                        eks.kubernetesVersion(),
                        Names.clusterRole(common.environmentName(), config.cluster(), "eks-cluster"),
                        new EksClusterArgs.Endpoint(
                                eks.endpointPublicAccess(),
                                eks.endpointPublicAccessCidrs(),
                                config.network().vpcCidr().toString()),
                        eks.controlPlaneLogTypes()),
                new EksClusterArgs.ManagedNodes(
                        Names.clusterRole(common.environmentName(), config.cluster(), "eks-node"),
                        eks.nodeInstanceTypes(),
                        nodes.min(),
                        nodes.desired(),
                        nodes.max()),
                new EksClusterArgs.Addons(
                        preflight.addons(), Names.clusterRole(common.environmentName(), config.cluster(), "vpc-cni")),
                vpc.privateSubnets,
                preflight.access(),
                tags);
    }

    /** Each caller rule with the account its cluster runs in, which the service's auth policy names. */
    private static List<Caller> callers(ClusterStackConfig config, ClusterPreflight preflight, List<CallerRule> rules) {
        var accounts = config.common().clusterAccounts();
        return rules.stream()
                .map(rule -> new Caller(
                        rule,
                        accounts.accountOf(
                                rule.cluster(), preflight.environment().account())))
                .toList();
    }

    /** A member's own SigV4 client role: Pod Identity takes a role of the cluster's account. */
    private static Output<String> ownClientRole(ClusterStackConfig config, ClusterPreflight preflight, Tags tags) {
        var location = preflight.placement().location();
        var environment = preflight.environment();
        String eksName = Names.eksCluster(config.cluster());
        return new IamRole(
                        "sigv4-client",
                        new IamRole.Args(
                                Names.clusterRole(config.common().environmentName(), config.cluster(), "sigv4-client"),
                                "Pods of " + eksName
                                        + " that call VPC Lattice services through the SigV4 sidecar (EKS Pod Identity)",
                                Output.of(Policies.podIdentityTrust(
                                        location.account(),
                                        List.copyOf(config.common().calls().clientNamespaces(config.cluster())),
                                        eksName,
                                        null)),
                                Optional.of(Output.of(Policies.clientPermissions(
                                        location.partition(),
                                        location.region(),
                                        config.common().clusterAccounts().all(environment.account()),
                                        environment.certificateAuthorityArn()))),
                                Map.of(),
                                tags),
                        NO_OPTIONS)
                .arn;
    }
}
