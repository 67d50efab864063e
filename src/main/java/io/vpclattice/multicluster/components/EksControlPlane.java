package io.vpclattice.multicluster.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.eks.ClusterAccess;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.policies.Policies;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane of an EKS cluster component: its role, a KMS key for secrets, the control-plane log group, the
 * cluster with API-only authentication, and the one explicit cluster-admin access entry ({@link ClusterAccess}).
 */
final class EksControlPlane {
    private EksControlPlane() {}

    /** @param adminPolicy nothing may talk to the cluster as its admin before this exists */
    record Result(Cluster cluster, AccessPolicyAssociation adminPolicy) {}

    static Result create(String name, EksClusterArgs args, Resource parent) {
        var spec = args.controlPlane();
        var access = args.access();
        var tags = args.tags();
        var child = CustomResourceOptions.builder().parent(parent).build();
        String clusterName = spec.eksClusterName();
        String partition = spec.location().partition();

        var secretsKey = new Key(
                name + "-secrets",
                KeyArgs.builder()
                        .description("Envelope encryption of Kubernetes secrets in " + clusterName)
                        .enableKeyRotation(true)
                        .deletionWindowInDays(7)
                        .tags(tags.named(clusterName + "-secrets"))
                        .build(),
                child);
        new Alias(
                name + "-secrets",
                AliasArgs.builder()
                        .name("alias/" + clusterName + "-secrets")
                        .targetKeyId(secretsKey.keyId())
                        .build(),
                CustomResourceOptions.builder().parent(secretsKey).build());
        // Created here rather than by EKS, so that destroying the stack also removes the logs.
        var logGroup = new LogGroup(
                name + "-control-plane",
                LogGroupArgs.builder()
                        .name(Names.controlPlaneLogGroup(clusterName))
                        .retentionInDays(90)
                        .tags(tags.named(clusterName))
                        .build(),
                child);

        var clusterRole = new IamRole(
                name + "-cluster",
                new IamRole.Args(
                        spec.roleName(),
                        "EKS control plane of " + clusterName,
                        Output.of(Policies.serviceTrust("eks.amazonaws.com")),
                        Optional.of(secretsKey.arn().applyValue(Policies::clusterEncryptionPermissions)),
                        Map.of("cluster-policy", Policies.managedPolicy(partition, "AmazonEKSClusterPolicy")),
                        tags),
                ComponentResourceOptions.builder().parent(parent).build());

        var cluster = new Cluster(
                name,
                ClusterArgs.builder()
                        .name(clusterName)
                        .version(spec.kubernetesVersion())
                        .roleArn(clusterRole.arn)
                        .vpcConfig(vpcConfig(args))
                        .accessConfig(ClusterAccessConfigArgs.builder()
                                .authenticationMode("API")
                                // An explicit access entry below instead: the implicit one cannot be seen or revoked,
                                // and
                                // both together fail with "access entry resource is already in use".
                                .bootstrapClusterCreatorAdminPermissions(false)
                                .build())
                        // The core add-ons are managed by EksAddons; the self-managed copies would conflict with them.
                        .bootstrapSelfManagedAddons(false)
                        .enabledClusterLogTypes(spec.logTypes())
                        .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                                .resources("secrets")
                                .provider(ClusterEncryptionConfigProviderArgs.builder()
                                        .keyArn(secretsKey.arn())
                                        .build())
                                .build())
                        .tags(tags.named(clusterName))
                        .build(),
                CustomResourceOptions.builder()
                        .parent(parent)
                        .dependsOn(List.of(clusterRole, logGroup))
                        .build());

        var adminEntry = new AccessEntry(
                name + "-admin",
                AccessEntryArgs.builder()
                        .clusterName(cluster.name())
                        .principalArn(access.principalArn())
                        .type("STANDARD")
                        .build(),
                CustomResourceOptions.builder()
                        .parent(cluster)
                        // Taken from whoever ran first: a later run by someone else must not move it (and lock the
                        // first out).
                        .ignoreChanges(access.principalFromCaller() ? List.of("principalArn") : List.of())
                        .build());
        var adminPolicy = new AccessPolicyAssociation(
                name + "-admin",
                AccessPolicyAssociationArgs.builder()
                        .clusterName(cluster.name())
                        .principalArn(adminEntry.principalArn())
                        .policyArn("arn:" + partition + ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
                        .accessScope(AccessPolicyAssociationAccessScopeArgs.builder()
                                .type("cluster")
                                .build())
                        .build(),
                CustomResourceOptions.builder().parent(adminEntry).build());
        if (!spec.endpoint().publicAccess()) {
            // Private only: "All traffic to your cluster API server must come from within your cluster's VPC or a
            // connected network", and the cluster security group must admit it on 443 (EKS User Guide,
            // cluster-endpoint, "Accessing a private only API server"). Nodes carry that group already; this admits a
            // runner elsewhere in the VPC. A connected network needs a rule of its own.
            new SecurityGroupIngressRule(
                    name + "-api-from-vpc",
                    SecurityGroupIngressRuleArgs.builder()
                            .securityGroupId(cluster.vpcConfig()
                                    .applyValue(
                                            vpc -> vpc.clusterSecurityGroupId().orElse("")))
                            .cidrIpv4(spec.endpoint().vpcCidr())
                            .ipProtocol("tcp")
                            .fromPort(443)
                            .toPort(443)
                            .description("Kubernetes API from the cluster VPC (private endpoint)")
                            .tags(tags.named(clusterName + "-api-from-vpc"))
                            .build(),
                    CustomResourceOptions.builder().parent(cluster).build());
        }
        return new Result(cluster, adminPolicy);
    }

    /**
     * The API endpoints. The private one is always on. The public one, on by default, is a trade-off that Security
     * Hub's EKS.1 reports: Pulumi's Kubernetes provider and kubectl reach the API from wherever they run, so without
     * it they must run inside the VPC or a network connected to it. Its CIDRs are sent only while it exists.
     */
    private static ClusterVpcConfigArgs vpcConfig(EksClusterArgs args) {
        var endpoint = args.controlPlane().endpoint();
        var vpc = ClusterVpcConfigArgs.builder()
                .subnetIds(args.subnets().ids())
                .endpointPrivateAccess(true)
                .endpointPublicAccess(endpoint.publicAccess());
        if (endpoint.publicAccess()) {
            vpc.publicAccessCidrs(endpoint.publicAccessCidrs());
        }
        return vpc.build();
    }
}
