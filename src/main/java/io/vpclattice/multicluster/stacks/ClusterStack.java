package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.StackReference;
import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.components.ClusterVpc;
import io.vpclattice.multicluster.components.DemoService;
import io.vpclattice.multicluster.components.EksCluster;
import io.vpclattice.multicluster.components.EksClusterArgs;
import io.vpclattice.multicluster.components.EnvironmentAttachment;
import io.vpclattice.multicluster.components.ExternalDns;
import io.vpclattice.multicluster.components.GatewayApiController;
import io.vpclattice.multicluster.components.IamRole;
import io.vpclattice.multicluster.components.LatticeGateway;
import io.vpclattice.multicluster.components.ListenerCertificate;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ConfigSchema;
import io.vpclattice.multicluster.config.cli.StackSettings;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.eks.ClusterAccess;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.Kubeconfig;
import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.network.SubnetPlan;
import io.vpclattice.multicluster.policies.Caller;
import io.vpclattice.multicluster.policies.CallerRule;
import io.vpclattice.multicluster.policies.Policies;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    public static void define(Context ctx, ClusterStackConfig config, CrdStore crdStore) {
        var common = config.common();
        String cluster = config.cluster();
        String eksName = Names.eksCluster(cluster);
        var tags = new Tags(common.project(), common.stack());
        var platform = config.platform();

        // Every fact is read and checked before the first resource is registered: a failed CRD download or digest,
        // an environment in another region, more zones than the region has, an admin Pulumi cannot act as.
        var crds = crdStore.manifests(GatewayApiCrds.release(platform.gatewayApiVersion()));
        var environment = EnvironmentOutputs.read(
                new StackReference(common.environmentStackReference()), common.stack(), common.region());
        var facts = ClusterFacts.lookUp(config);
        var location = new AccountRegion(facts.account(), common.region());
        String environmentAccount = environment.account();
        var accounts = common.clusterAccounts();
        ClusterAccounts.placementProblem(
                        common.project() + ":" + ConfigSchema.ACCOUNT_ID.name(),
                        accounts.configured(cluster),
                        facts.account(),
                        environmentAccount,
                        StackSettings.fileName(cluster))
                .ifPresent(problem -> {
                    throw new ConfigException(problem);
                });
        // A member of another account than the environment's joins through what the environment shares.
        boolean member = !facts.account().equals(environmentAccount);
        ClusterAccounts.unservedProblem(
                        cluster,
                        facts.account(),
                        environmentAccount,
                        environment.servedClusters(),
                        common.project() + ":" + ConfigSchema.SHARED_WITH.name(),
                        StackSettings.fileName(cluster))
                .ifPresent(problem -> {
                    throw new ConfigException(problem);
                });
        ClusterAccess.refusal(
                        config.eks().clusterAdminArn(),
                        facts.callerPrincipalArn(),
                        common.project() + ":" + ConfigSchema.CLUSTER_ADMIN_ARN.name())
                .ifPresent(problem -> {
                    throw new ConfigException(problem);
                });
        var access = ClusterAccess.decide(config.eks().clusterAdminArn(), facts.callerPrincipalArn())
                .withProviderCredentials(common.credentials());
        access.warnings().forEach(warning -> ctx.log().warn(warning));
        var none = ComponentResourceOptions.builder().build();

        var plan = SubnetPlan.decide(
                config.network().vpcCidr(),
                config.network().availabilityZoneCount(),
                config.network().natGateways());
        var vpc = new ClusterVpc("vpc", new ClusterVpc.Args(eksName, plan, facts.zoneNames(), tags), none);

        var eksConfig = config.eks();
        var nodes = eksConfig.nodeScaling();
        var eks = new EksCluster(
                "eks",
                new EksClusterArgs(
                        new EksClusterArgs.ControlPlane(
                                cluster,
                                location,
                                eksConfig.kubernetesVersion(),
                                Names.clusterRole(common.environmentName(), cluster, "eks-cluster"),
                                eksConfig.endpointPublicAccessCidrs(),
                                eksConfig.controlPlaneLogTypes()),
                        new EksClusterArgs.ManagedNodes(
                                Names.clusterRole(common.environmentName(), cluster, "eks-node"),
                                eksConfig.nodeInstanceType(),
                                nodes.min(),
                                nodes.desired(),
                                nodes.max()),
                        eksConfig.addonVersions(),
                        vpc.privateSubnets,
                        access,
                        tags),
                none);
        var inCluster = eks.handle.inCluster();

        var attachment = new EnvironmentAttachment(
                "environment",
                new EnvironmentAttachment.Args(
                        eksName,
                        vpc.vpcId,
                        plan.vpc().toString(),
                        new EnvironmentAttachment.Environment(
                                member ? environment.serviceNetworkArn() : environment.serviceNetworkId(),
                                environment.privateZoneId(),
                                member ? Optional.of(environment.dnsProfileId()) : Optional.empty()),
                        new EnvironmentAttachment.LatticeTraffic(
                                GatewayApiManifests.listenerPorts(platform.httpListener()),
                                facts.latticePrefixListId(),
                                eks.clusterSecurityGroupId,
                                eks.clusterResourceUrn),
                        tags),
                none);

        var controller = new GatewayApiController(
                "gateway-api-controller",
                new GatewayApiController.Args(
                        eks.handle,
                        crds,
                        platform.gatewayControllerChartVersion(),
                        vpc.vpcId,
                        Names.clusterRole(common.environmentName(), cluster, "gateway-controller"),
                        tags),
                inCluster);

        var externalDns = new ExternalDns(
                "external-dns",
                new ExternalDns.Args(
                        eks.handle,
                        new ExternalDns.PrivateZone(
                                environment.domain(),
                                environment.privateZoneArn(),
                                member
                                        ? Optional.of(Policies.roleArn(
                                                location.partition(),
                                                environmentAccount,
                                                Names.dnsWriterRole(common.environmentName(), cluster)))
                                        : Optional.empty()),
                        platform.externalDnsChartVersion(),
                        Names.clusterRole(common.environmentName(), cluster, "external-dns"),
                        controller.helmRelease,
                        tags),
                inCluster);

        // A listener with another account's certificate is not documented: a member requests its own from the shared
        // CA.
        Output<String> certificateArn = member
                ? new ListenerCertificate(
                                "certificate",
                                new ListenerCertificate.Args(
                                        environment.domain(), Output.of(environment.certificateAuthorityArn()), tags),
                                none)
                        .certificateArn
                : Output.of(environment.certificateArn());
        var gateway = new LatticeGateway(
                "lattice-gateway",
                new LatticeGateway.Args(
                        environment.serviceNetworkName(),
                        certificateArn,
                        platform.httpListener(),
                        List.of(controller.helmRelease, attachment)),
                inCluster);

        // Pod Identity takes a role of the cluster's own account: a member has its own client role.
        Output<String> clientRoleArn = member
                ? new IamRole(
                                "sigv4-client",
                                new IamRole.Args(
                                        Names.clusterRole(common.environmentName(), cluster, "sigv4-client"),
                                        "Pods of " + eksName
                                                + " that call VPC Lattice services through the SigV4 sidecar (EKS Pod Identity)",
                                        Output.of(Policies.podIdentityTrust(
                                                location.account(),
                                                List.of(environment
                                                        .clientNamespaces()
                                                        .split(",", -1)),
                                                eksName,
                                                null)),
                                        Optional.of(Output.of(Policies.clientPermissions(
                                                location.partition(),
                                                location.region(),
                                                accounts.all(environmentAccount),
                                                environment.certificateAuthorityArn()))),
                                        Map.of(),
                                        tags),
                                none)
                        .arn
                : Output.of(environment.clientRoleArn());

        var demoConfig = config.demo();
        List<CallerRule> rules = demoConfig.allowedCallers();
        List<Caller> callers = rules.stream()
                .map(rule -> new Caller(rule, accounts.accountOf(rule.cluster(), environmentAccount)))
                .toList();
        String authPolicy = Policies.serviceAuthPolicy(location.partition(), location.account(), callers);
        var demo = new DemoService(
                "demo",
                new DemoService.Args(
                        eks.handle,
                        new DemoService.Images(
                                demoConfig.appImage(), demoConfig.sigv4ProxyImage(), demoConfig.iptablesImage()),
                        new DemoService.Publication(
                                environment.domain(),
                                environment.serviceNetworkName(),
                                GatewayApiManifests.listenerNames(platform.httpListener()),
                                authPolicy),
                        new DemoService.Client(environment.certificateAuthorityArn(), clientRoleArn),
                        List.of(gateway.gateway, externalDns.recordsDrained, controller.helmRelease),
                        tags),
                inCluster);

        ctx.export("clusterName", eks.clusterName);
        ctx.export("region", Output.of(common.region()));
        ctx.export("endpoint", eks.endpoint);
        ctx.export("kubeconfig", eks.kubeconfig);
        ctx.export("clusterAdmin", eks.adminPrincipalArn);
        ctx.export(
                "kubernetesIdentity",
                Output.of(String.join(
                        " ",
                        Kubeconfig.tokenCommand(
                                eksName, common.region(), access.awsProfile(), access.assumeRoleArn()))));
        ctx.export(
                "configureKubectl",
                Output.of(
                        Names.configureKubectl(eksName, common.region(), access.awsProfile(), access.assumeRoleArn())));
        ctx.export("vpcId", vpc.vpcId);
        ctx.export("vpcCidr", Output.of(plan.vpc().toString()));
        ctx.export("demoHostname", demo.hostname);
        ctx.export("demoDeployment", Output.of(Names.demoApp(cluster)));
        ctx.export("demoContainer", Output.of(Names.demoApp(cluster)));
        ctx.export("demoNamespace", Output.of(io.vpclattice.multicluster.kubernetes.DemoWorkload.NAMESPACE));
        ctx.export("demoAuthPolicy", Output.of(Names.demoAuthPolicy(cluster)));
        ctx.export("kubeContext", Output.of(Names.kubeContext(eksName)));
        ctx.export(
                "allowedCallers",
                Output.of(rules.stream().map(CallerRule::toString).toList()));
        ctx.export("account", Output.of(location.account()));
        ctx.export("authPolicy", Output.of(authPolicy));
    }
}
