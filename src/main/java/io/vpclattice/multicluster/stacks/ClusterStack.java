package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.StackReference;
import io.vpclattice.multicluster.components.ClusterVpc;
import io.vpclattice.multicluster.components.DemoService;
import io.vpclattice.multicluster.components.EksCluster;
import io.vpclattice.multicluster.components.EnvironmentAttachment;
import io.vpclattice.multicluster.components.ExternalDns;
import io.vpclattice.multicluster.components.GatewayApiController;
import io.vpclattice.multicluster.components.LatticeGateway;
import io.vpclattice.multicluster.config.CallerRule;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ConfigSchema;
import io.vpclattice.multicluster.eks.ClusterAccess;
import io.vpclattice.multicluster.kubernetes.CrdStore;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.Kubeconfig;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.network.SubnetPlan;
import io.vpclattice.multicluster.policies.Policies;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
    private ClusterStack() {
    }

    public static void define(Context ctx, ClusterStackConfig config, CrdStore crdStore) {
        var common = config.common();
        String cluster = config.cluster();
        String eksName = Names.eksCluster(cluster);
        String partition = common.partition();
        Function<String, Map<String, String>> tags = name -> Tags.named(common.project(), common.stack(), name);
        var platform = config.platform();

        // Every fact is read and checked before the first resource is registered: a failed CRD download or digest,
        // an environment in another region, more zones than the region has, an admin Pulumi cannot act as.
        var crdRelease = GatewayApiCrds.release(platform.gatewayApiVersion());
        var crdContents = crdStore.readAll(crdRelease);
        var environment = EnvironmentOutputs.read(new StackReference(common.environmentStackReference()),
                common.stack(), common.region());
        var facts = ClusterFacts.lookUp(config);
        ClusterAccess.refusal(config.eks().clusterAdminArn(), facts.callerPrincipalArn(),
                common.project() + ":" + ConfigSchema.CLUSTER_ADMIN_ARN.name()).ifPresent(problem -> {
                    throw new ConfigException(problem);
                });
        var access = ClusterAccess.decide(config.eks().clusterAdminArn(), facts.callerPrincipalArn());
        access.warnings().forEach(warning -> ctx.log().warn(warning));
        var none = ComponentResourceOptions.builder().build();

        var plan = SubnetPlan.decide(config.network().vpcCidr(), config.network().availabilityZoneCount(),
                config.network().natGateways());
        var vpc = new ClusterVpc("vpc", new ClusterVpc.Args(eksName, plan, facts.zoneNames(), tags), none);

        var attachment = new EnvironmentAttachment("environment", new EnvironmentAttachment.Args(eksName, vpc.vpcId,
                plan.vpc().toString(), GatewayApiManifests.listenerPorts(platform.httpListener()),
                environment.privateZoneId(), environment.serviceNetworkId(), tags), none);

        var eks = new EksCluster("eks", new EksCluster.Args(eksName, config.eks(),
                Names.clusterRole(common.environmentName(), cluster, "eks-cluster"),
                Names.clusterRole(common.environmentName(), cluster, "eks-node"),
                common.region(), partition, vpc.privateSubnetIds, vpc.privateEgress, access,
                facts.latticePrefixListId(), tags), none);
        var inCluster = ComponentResourceOptions.builder().providers(eks.kubernetesProvider).build();
        List<Resource> podsCanRun = List.of(eks.nodeGroup, eks.coreDns, eks.podIdentityAgent);

        var controller = new GatewayApiController("gateway-api-controller", new GatewayApiController.Args(
                crdRelease, crdContents, platform.gatewayControllerChartVersion(),
                eksName, eks.clusterName, vpc.vpcId, common.region(), partition, facts.account(),
                Names.clusterRole(common.environmentName(), cluster, "gateway-controller"), podsCanRun, tags), inCluster);

        var externalDns = new ExternalDns("external-dns", new ExternalDns.Args(platform.externalDnsChartVersion(),
                eksName, common.region(), eks.clusterName, environment.domain(), environment.privateZoneArn(), facts.account(),
                Names.clusterRole(common.environmentName(), cluster, "external-dns"),
                List.<Resource>of(eks.nodeGroup, eks.coreDns, eks.podIdentityAgent, controller.helmRelease), tags), inCluster);

        var gateway = new LatticeGateway("lattice-gateway", new LatticeGateway.Args(environment.serviceNetworkName(),
                environment.certificateArn(), platform.httpListener(), List.of(controller.helmRelease, attachment)), inCluster);

        List<CallerRule> callers = config.demo().allowedCallers();
        String authPolicy = Policies.serviceAuthPolicy(partition, facts.account(), callers);
        var demo = new DemoService("demo", new DemoService.Args(cluster, config.demo(),
                GatewayApiManifests.listenerNames(platform.httpListener()), common.region(), eks.clusterName,
                environment.domain(), environment.serviceNetworkName(), environment.certificateAuthorityArn(),
                environment.clientRoleArn(), authPolicy, podsCanRun,
                List.of(gateway.gateway, externalDns.recordsDrained, controller.helmRelease), tags), inCluster);

        ctx.export("clusterName", eks.clusterName);
        ctx.export("region", Output.of(common.region()));
        ctx.export("endpoint", eks.endpoint);
        ctx.export("kubeconfig", eks.kubeconfig);
        ctx.export("clusterAdmin", eks.adminPrincipalArn);
        ctx.export("kubernetesIdentity", Output.of(String.join(" ",
                Kubeconfig.tokenCommand(eksName, common.region(), access.assumeRoleArn()))));
        ctx.export("configureKubectl", Output.of(Names.configureKubectl(eksName, common.region(), access.assumeRoleArn())));
        ctx.export("vpcId", vpc.vpcId);
        ctx.export("vpcCidr", Output.of(plan.vpc().toString()));
        ctx.export("demoHostname", demo.hostname);
        ctx.export("demoDeployment", Output.of(Names.demoApp(cluster)));
        ctx.export("demoContainer", Output.of(Names.demoApp(cluster)));
        ctx.export("demoNamespace", Output.of(io.vpclattice.multicluster.kubernetes.DemoWorkload.NAMESPACE));
        ctx.export("demoAuthPolicy", Output.of(Names.demoAuthPolicy(cluster)));
        ctx.export("kubeContext", Output.of(Names.kubeContext(eksName)));
        ctx.export("allowedCallers", Output.of(callers.stream().map(CallerRule::toString).toList()));
        ctx.export("authPolicy", Output.of(authPolicy));
    }
}
