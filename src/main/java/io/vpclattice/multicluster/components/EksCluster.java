package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.Addon;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.kubernetes.Kubeconfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An EKS cluster built from AWS resources (com.pulumi:eks is not usable here, see the README), in three parts as
 * pulumi-eks builds one: the control plane ({@link EksControlPlane}: API-only authentication with one explicit
 * cluster-admin access entry), the core add-ons ({@link EksAddons}) and a managed node group
 * ({@link EksManagedNodes}). Ends with a Kubernetes provider that authenticates as the admin, handed on in
 * {@link #handle}. A change of {@code kubernetesVersion} upgrades all three in the order EKS documents: the control
 * plane, then the nodes to its version, then the add-ons to the versions EKS recommends for it.
 */
public class EksCluster extends ComponentResource {
    public static final String TYPE = "multicluster:eks:Cluster";

    @Export(
            name = "clusterName",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> clusterName;

    @Export(
            name = "endpoint",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> endpoint;
    /** The security group EKS gives the control plane and, without a launch-template group, every node. */
    @Export(
            name = "clusterSecurityGroupId",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> clusterSecurityGroupId;

    @Export(
            name = "kubeconfig",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> kubeconfig;
    /** The principal of the admin access entry, as created (it may predate today's caller). */
    @Export(
            name = "adminPrincipalArn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> adminPrincipalArn;

    /** The EKS cluster resource, which held the Lattice ingress rule before the environment attachment did. */
    public final Output<String> clusterResourceUrn;

    /** What the components that run in this cluster need of it. */
    public final ClusterHandle handle;

    public EksCluster(String name, EksClusterArgs args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var spec = args.controlPlane();
        var controlPlane = EksControlPlane.create(name, args, this);
        var cluster = controlPlane.cluster();
        // A new cluster: the DaemonSet add-ons first, which nodes need to become ready. A running one: the order of
        // an upgrade (control plane, nodes, add-ons; eks.AddonPlan), so every add-on waits for the node group.
        boolean afterNodes = args.addons().plan().afterNodes();
        var beforeNodes = afterNodes
                ? Map.<String, Addon>of()
                : EksAddons.create(name, AddonVersions.BEFORE_NODES, cluster, args, List.of(), this);
        var nodeGroup = EksManagedNodes.create(name, args, cluster, List.copyOf(beforeNodes.values()), this);
        var addons = new HashMap<String, Addon>(beforeNodes);
        addons.putAll(EksAddons.create(
                name,
                afterNodes ? AddonVersions.all() : AddonVersions.AFTER_NODES,
                cluster,
                args,
                List.of(nodeGroup),
                this));

        this.clusterName = cluster.name();
        this.clusterResourceUrn = cluster.urn();
        this.endpoint = cluster.endpoint();
        this.clusterSecurityGroupId = cluster.vpcConfig()
                .applyValue(vpc -> vpc.clusterSecurityGroupId().orElse(""));
        this.adminPrincipalArn = controlPlane.adminPolicy().principalArn();
        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority())
                .applyValue(t -> Kubeconfig.render(
                        t.t1,
                        t.t2,
                        t.t3.data().orElse(""),
                        spec.location().region(),
                        args.access().awsProfile(),
                        args.access().assumeRoleArn()))
                .asSecret();
        var kubernetesProvider = new Provider(
                name + "-k8s",
                ProviderArgs.builder()
                        .kubeconfig(kubeconfig)
                        // Objects, the Gateway API CRDs included, are applied server-side: pulumi-kubernetes 4.0.0's
                        // default (provider/pkg/provider/provider.go, Configure). Its client-side mode no longer keeps
                        // a last-applied annotation either, so no CRD size calls for the flag.
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        // Every object this provider creates needs cluster-admin first, and is deleted before it goes.
                        .dependsOn(controlPlane.adminPolicy())
                        .build());
        var podsCanRun = new ArrayList<Resource>();
        podsCanRun.add(nodeGroup);
        podsCanRun.add(addons.get("coredns"));
        podsCanRun.add(addons.get(EksAddons.POD_IDENTITY_AGENT));
        this.handle = new ClusterHandle(spec.cluster(), clusterName, spec.location(), kubernetesProvider, podsCanRun);
        registerOutputs(Map.of(
                "clusterName",
                clusterName,
                "endpoint",
                endpoint,
                "clusterSecurityGroupId",
                clusterSecurityGroupId,
                "kubeconfig",
                kubeconfig,
                "adminPrincipalArn",
                adminPrincipalArn));
    }
}
