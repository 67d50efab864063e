package io.vpclattice.multicluster.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.inputs.GetAddonVersionArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.eks.ClusterAccess;
import io.vpclattice.multicluster.eks.NodeImages;
import io.vpclattice.multicluster.kubernetes.Kubeconfig;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An EKS cluster built from AWS resources (com.pulumi:eks is not usable here, see the README): cluster and node
 * roles, a KMS key for secrets, control-plane logs, API-only authentication with one explicit cluster-admin
 * access entry ({@link ClusterAccess}), a managed node group on an IMDSv2-only launch template with the AMI of the
 * instance type's architecture, the four core add-ons at pinned or first-recommended versions, the ingress rule
 * that lets VPC Lattice reach pods, and a Kubernetes provider that authenticates as the admin.
 */
public class EksCluster extends ComponentResource {
    public static final String TYPE = "multicluster:eks:Cluster";
    public static final String NODE_GROUP = "initial";

    /**
     * @param access              who administers the cluster, and the role the kubeconfig assumes
     * @param latticePrefixListId the region's {@code com.amazonaws.<region>.vpc-lattice} managed prefix list
     * @param privateEgress      resources without which nodes in the private subnets cannot reach EKS
     * @param tags               tags of a resource given its Name
     */
    public record Args(String eksClusterName, ClusterStackConfig.Eks settings, String clusterRoleName,
                       String nodeRoleName, String region, String partition, Output<List<String>> privateSubnetIds,
                       List<Resource> privateEgress, ClusterAccess access,
                       String latticePrefixListId, Function<String, Map<String, String>> tags) {
    }

    @Export(name = "clusterName", refs = {String.class}, tree = "[0]")
    public final Output<String> clusterName;
    @Export(name = "endpoint", refs = {String.class}, tree = "[0]")
    public final Output<String> endpoint;
    @Export(name = "clusterSecurityGroupId", refs = {String.class}, tree = "[0]")
    public final Output<String> clusterSecurityGroupId;
    @Export(name = "kubeconfig", refs = {String.class}, tree = "[0]")
    public final Output<String> kubeconfig;
    /** The principal of the admin access entry, as created (it may predate today's caller). */
    @Export(name = "adminPrincipalArn", refs = {String.class}, tree = "[0]")
    public final Output<String> adminPrincipalArn;

    /** Talks to this cluster as its admin; ready once the admin access policy is associated. */
    public final Provider kubernetesProvider;
    /** Pods relying on Pod Identity may start once this is active. */
    public final Addon podIdentityAgent;
    /** Workloads that resolve names (every controller) need it. */
    public final Addon coreDns;
    public final NodeGroup nodeGroup;

    public EksCluster(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var eks = args.settings();
        var child = CustomResourceOptions.builder().parent(this).build();
        String clusterName = args.eksClusterName();

        var secretsKey = new Key(name + "-secrets", KeyArgs.builder()
                .description("Envelope encryption of Kubernetes secrets in " + clusterName)
                .enableKeyRotation(true)
                .deletionWindowInDays(7)
                .tags(args.tags().apply(clusterName + "-secrets"))
                .build(), child);
        new Alias(name + "-secrets", AliasArgs.builder()
                .name("alias/" + clusterName + "-secrets")
                .targetKeyId(secretsKey.keyId())
                .build(), CustomResourceOptions.builder().parent(secretsKey).build());
        // Created here rather than by EKS, so that destroying the stack also removes the logs.
        var logGroup = new LogGroup(name + "-control-plane", LogGroupArgs.builder()
                .name(Names.controlPlaneLogGroup(clusterName))
                .retentionInDays(90)
                .tags(args.tags().apply(clusterName))
                .build(), child);

        var clusterRole = new IamRole(name + "-cluster", new IamRole.Args(args.clusterRoleName(),
                "EKS control plane of " + clusterName, Output.of(Policies.serviceTrust("eks.amazonaws.com")),
                Optional.of(secretsKey.arn().applyValue(Policies::clusterEncryptionPermissions)),
                Map.of("cluster-policy", Policies.managedPolicy(args.partition(), "AmazonEKSClusterPolicy")),
                args.tags().apply(args.clusterRoleName())), ComponentResourceOptions.builder().parent(this).build());

        var cluster = new Cluster(name, ClusterArgs.builder()
                .name(clusterName)
                .version(eks.kubernetesVersion())
                .roleArn(clusterRole.arn)
                .vpcConfig(ClusterVpcConfigArgs.builder()
                        .subnetIds(args.privateSubnetIds())
                        .endpointPrivateAccess(true)
                        // Pulumi reaches the API from wherever it runs.
                        .endpointPublicAccess(true)
                        .publicAccessCidrs(eks.endpointPublicAccessCidrs())
                        .build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        // An explicit access entry below instead: the implicit one cannot be seen or revoked, and
                        // both together fail with "access entry resource is already in use".
                        .bootstrapClusterCreatorAdminPermissions(false)
                        .build())
                // The core add-ons are managed below; the self-managed copies would conflict with them.
                .bootstrapSelfManagedAddons(false)
                .enabledClusterLogTypes(eks.controlPlaneLogTypes())
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(secretsKey.arn()).build())
                        .build())
                .tags(args.tags().apply(clusterName))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(List.of(clusterRole, logGroup)).build());
        var underCluster = CustomResourceOptions.builder().parent(cluster).build();

        var adminEntry = new AccessEntry(name + "-admin", AccessEntryArgs.builder()
                .clusterName(cluster.name())
                .principalArn(args.access().principalArn())
                .type("STANDARD")
                .build(), CustomResourceOptions.builder()
                .parent(cluster)
                // Taken from whoever ran first: a later run by someone else must not move it (and lock the first out).
                .ignoreChanges(args.access().principalFromCaller() ? List.of("principalArn") : List.of())
                .build());
        var adminPolicy = new AccessPolicyAssociation(name + "-admin", AccessPolicyAssociationArgs.builder()
                .clusterName(cluster.name())
                .principalArn(adminEntry.principalArn())
                .policyArn("arn:" + args.partition() + ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
                .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                .build(), CustomResourceOptions.builder().parent(adminEntry).build());

        var addons = new HashMap<String, Addon>();
        for (String addon : AddonVersions.BEFORE_NODES) {
            addons.put(addon, addon(name, addon, cluster, eks, List.of()));
        }

        var nodeRole = new IamRole(name + "-node", new IamRole.Args(args.nodeRoleName(),
                "Nodes of " + clusterName, Output.of(Policies.serviceTrust("ec2.amazonaws.com")), Optional.empty(),
                Map.of("worker", Policies.managedPolicy(args.partition(), "AmazonEKSWorkerNodePolicy"),
                        "cni", Policies.managedPolicy(args.partition(), "AmazonEKS_CNI_Policy"),
                        "ecr-read", Policies.managedPolicy(args.partition(), "AmazonEC2ContainerRegistryReadOnly")),
                args.tags().apply(args.nodeRoleName())), ComponentResourceOptions.builder().parent(this).build());
        var launchTemplate = new LaunchTemplate(name + "-nodes", LaunchTemplateArgs.builder()
                .description("Nodes of " + clusterName + ": IMDSv2 only")
                // No security groups here: EKS then gives nodes the cluster security group, which the control
                // plane (webhooks on 9443) and the Lattice rule below already cover.
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        // One hop: only the node (and host-network pods) reach instance metadata. Every AWS caller
                        // here uses Pod Identity; a pod without an association must not get the node role.
                        .httpPutResponseHopLimit(1)
                        .build())
                .updateDefaultVersion(true)
                .tags(args.tags().apply(clusterName + "-nodes"))
                .build(), child);
        var nodeDependencies = new ArrayList<Resource>(args.privateEgress());
        nodeDependencies.add(nodeRole);
        nodeDependencies.addAll(addons.values());
        var nodes = eks.nodeScaling();
        this.nodeGroup = new NodeGroup(name + "-" + NODE_GROUP, NodeGroupArgs.builder()
                .clusterName(cluster.name())
                .nodeGroupName(NODE_GROUP)
                .nodeRoleArn(nodeRole.arn)
                .subnetIds(args.privateSubnetIds())
                .instanceTypes(eks.nodeInstanceType())
                .amiType(NodeImages.amiType(eks.nodeInstanceType()))
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(nodes.min()).desiredSize(nodes.desired()).maxSize(nodes.max()).build())
                .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(1).build())
                .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                        .id(launchTemplate.id())
                        .version(launchTemplate.latestVersion().applyValue(String::valueOf))
                        .build())
                .tags(args.tags().apply(clusterName + "-" + NODE_GROUP))
                .build(), CustomResourceOptions.builder()
                .parent(cluster)
                .dependsOn(nodeDependencies)
                // An autoscaler owns the node count after creation.
                .ignoreChanges(List.of("scalingConfig.desiredSize"))
                .build());
        for (String addon : AddonVersions.AFTER_NODES) {
            addons.put(addon, addon(name, addon, cluster, eks, List.of(nodeGroup)));
        }
        this.podIdentityAgent = addons.get("eks-pod-identity-agent");
        this.coreDns = addons.get("coredns");

        // Lattice health checks and requests come from the region's Lattice prefix list, straight to pod IPs.
        Output<String> clusterSecurityGroup = cluster.vpcConfig()
                .applyValue(vpc -> vpc.clusterSecurityGroupId().orElse(""));
        new SecurityGroupIngressRule(name + "-lattice-ingress", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(clusterSecurityGroup)
                .prefixListId(args.latticePrefixListId())
                .ipProtocol("-1")
                .description("VPC Lattice health checks and requests to pods")
                .tags(args.tags().apply(clusterName + "-lattice-ingress"))
                .build(), underCluster);

        this.clusterName = cluster.name();
        this.endpoint = cluster.endpoint();
        this.clusterSecurityGroupId = clusterSecurityGroup;
        this.adminPrincipalArn = adminEntry.principalArn();
        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority())
                .applyValue(t -> Kubeconfig.render(t.t1, t.t2, t.t3.data().orElse(""), args.region(),
                        args.access().assumeRoleArn()))
                .asSecret();
        this.kubernetesProvider = new Provider(name + "-k8s", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                // The Gateway API CRDs are too large for client-side apply's last-applied annotation.
                .enableServerSideApply(true)
                .build(), CustomResourceOptions.builder()
                .parent(this)
                // Every object this provider creates needs cluster-admin first, and is deleted before it goes.
                .dependsOn(adminPolicy)
                .build());
        registerOutputs(Map.of("clusterName", this.clusterName, "endpoint", endpoint,
                "clusterSecurityGroupId", clusterSecurityGroupId, "kubeconfig", kubeconfig,
                "adminPrincipalArn", adminPrincipalArn));
    }

    private Addon addon(String name, String addon, Cluster cluster, ClusterStackConfig.Eks eks, List<Resource> dependsOn) {
        String pinned = eks.addonVersions().get(addon);
        // Unpinned: the version EKS recommends for this Kubernetes version today, kept from then on (ignoreChanges).
        Output<String> version = pinned != null ? Output.of(pinned) : EksFunctions.getAddonVersion(GetAddonVersionArgs.builder()
                .addonName(addon)
                .kubernetesVersion(eks.kubernetesVersion())
                .mostRecent(false)
                .build()).applyValue(result -> result.version());
        return new Addon(name + "-" + addon, AddonArgs.builder()
                .clusterName(cluster.name())
                .addonName(addon)
                .addonVersion(version)
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("OVERWRITE")
                .build(), CustomResourceOptions.builder()
                .parent(cluster)
                .dependsOn(dependsOn)
                .ignoreChanges(pinned != null ? List.of() : List.of("addonVersion"))
                .build());
    }
}
