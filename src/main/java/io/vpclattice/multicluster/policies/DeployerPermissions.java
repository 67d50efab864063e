package io.vpclattice.multicluster.policies;

import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPolicyWriter;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the identity that runs {@code pulumi up}, {@code refresh} and {@code destroy} needs in AWS for each resource
 * type and data source the program uses: the IAM actions of the type's create, read, update and delete, tags
 * included. The deployer policy of a stack is the union over the types of its plan, so it grows with the program.
 *
 * <p>Sources: com.pulumi:aws 6.83.0 runs hashicorp/terraform-provider-aws, whose resource files
 * ({@code internal/service/<service>/<resource>.go}, each type's Create, Read, Update and Delete functions) name the
 * API calls and whose {@code tags_gen.go} the tagging calls (list, tag, untag); the AWS Service Authorization
 * Reference and the service guides name what a call needs besides its own action (tags on create, passing a role,
 * service-linked roles, resource policies RAM attaches). Each entry cites where it goes beyond the calls.
 */
public final class DeployerPermissions {
    private DeployerPermissions() {}

    /**
     * @param actions            IAM actions, e.g. {@code ec2:CreateVpc}
     * @param serviceLinkedRoles AWS services whose service-linked role AWS creates on first use, with the caller's
     *                           {@code iam:CreateServiceLinkedRole} (granted only for these services)
     * @param source             where the actions come from
     */
    public record Need(List<String> actions, List<String> serviceLinkedRoles, String source) {
        public Need {
            actions = List.copyOf(actions);
            serviceLinkedRoles = List.copyOf(serviceLinkedRoles);
        }
    }

    private static final String TF = "terraform-provider-aws internal/service/";
    private static final List<String> EC2_TAGS = List.of("ec2:CreateTags", "ec2:DeleteTags");
    private static final List<String> EKS_TAGS = List.of("eks:TagResource", "eks:UntagResource");
    private static final List<String> LATTICE_TAGS =
            List.of("vpc-lattice:TagResource", "vpc-lattice:UntagResource", "vpc-lattice:ListTagsForResource");
    private static final List<String> PROFILE_TAGS = List.of(
            "route53profiles:TagResource", "route53profiles:UntagResource", "route53profiles:ListTagsForResource");

    private static List<String> with(List<String> actions, List<String> more) {
        var all = new java.util.ArrayList<String>(actions);
        all.addAll(more);
        return all;
    }

    private static Map.Entry<String, Need> need(String type, List<String> actions, String source) {
        return Map.entry(type, new Need(actions, List.of(), source));
    }

    private static Map.Entry<String, Need> need(
            String type, List<String> actions, List<String> serviceLinkedRoles, String source) {
        return Map.entry(type, new Need(actions, serviceLinkedRoles, source));
    }

    /** Every AWS resource type and data source the program uses. */
    static final Map<String, Need> AWS = Map.ofEntries(
            // --- ACM and AWS Private CA ---
            need(
                    "aws:acm/certificate:Certificate",
                    List.of(
                            "acm:RequestCertificate",
                            "acm:AddTagsToCertificate",
                            "acm:DescribeCertificate",
                            "acm:ListTagsForCertificate",
                            "acm:RemoveTagsFromCertificate",
                            "acm:UpdateCertificateOptions",
                            "acm:DeleteCertificate"),
                    List.of("acm.amazonaws.com"),
                    TF + "acm/certificate.go; a request with tags needs acm:AddTagsToCertificate (Service"
                            + " Authorization Reference, ACM); a certificate from another account's CA makes ACM"
                            + " create its service-linked role (ACM user guide, ca-access.html)"),
            need(
                    "aws:acmpca/certificate:Certificate",
                    List.of("acm-pca:IssueCertificate", "acm-pca:GetCertificate", "acm-pca:RevokeCertificate"),
                    TF + "acmpca/certificate.go"),
            need(
                    "aws:acmpca/certificateAuthority:CertificateAuthority",
                    List.of(
                            "acm-pca:CreateCertificateAuthority",
                            "acm-pca:DescribeCertificateAuthority",
                            "acm-pca:GetCertificateAuthorityCsr",
                            "acm-pca:GetCertificateAuthorityCertificate",
                            "acm-pca:UpdateCertificateAuthority",
                            "acm-pca:DeleteCertificateAuthority",
                            "acm-pca:ListTags",
                            "acm-pca:TagCertificateAuthority",
                            "acm-pca:UntagCertificateAuthority"),
                    TF + "acmpca/certificate_authority.go (a CA is disabled, then deleted), tags_gen.go"),
            need(
                    "aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate",
                    List.of(
                            "acm-pca:ImportCertificateAuthorityCertificate",
                            "acm-pca:GetCertificateAuthorityCertificate"),
                    TF + "acmpca/certificate_authority_certificate.go"),
            need(
                    "aws:acmpca/permission:Permission",
                    List.of("acm-pca:CreatePermission", "acm-pca:ListPermissions", "acm-pca:DeletePermission"),
                    TF + "acmpca/permission.go"),
            // --- CloudWatch Logs ---
            need(
                    "aws:cloudwatch/logGroup:LogGroup",
                    List.of(
                            "logs:CreateLogGroup",
                            "logs:DescribeLogGroups",
                            "logs:PutRetentionPolicy",
                            "logs:DeleteRetentionPolicy",
                            "logs:DeleteLogGroup",
                            "logs:ListTagsForResource",
                            "logs:TagResource",
                            "logs:UntagResource"),
                    TF + "logs/group.go, tags_gen.go"),
            // --- EC2 and VPC ---
            need(
                    "aws:ec2/eip:Eip",
                    with(
                            List.of(
                                    "ec2:AllocateAddress",
                                    "ec2:DescribeAddresses",
                                    "ec2:DisassociateAddress",
                                    "ec2:ReleaseAddress"),
                            EC2_TAGS),
                    TF + "ec2/ec2_eip.go"),
            need(
                    "aws:ec2/internetGateway:InternetGateway",
                    with(
                            List.of(
                                    "ec2:CreateInternetGateway",
                                    "ec2:AttachInternetGateway",
                                    "ec2:DescribeInternetGateways",
                                    "ec2:DetachInternetGateway",
                                    "ec2:DeleteInternetGateway"),
                            EC2_TAGS),
                    TF + "ec2/vpc_internet_gateway.go"),
            need(
                    "aws:ec2/launchTemplate:LaunchTemplate",
                    with(
                            List.of(
                                    "ec2:CreateLaunchTemplate",
                                    "ec2:CreateLaunchTemplateVersion",
                                    "ec2:DescribeLaunchTemplates",
                                    "ec2:DescribeLaunchTemplateVersions",
                                    "ec2:ModifyLaunchTemplate",
                                    "ec2:DeleteLaunchTemplate"),
                            EC2_TAGS),
                    TF + "ec2/ec2_launch_template.go"),
            need(
                    "aws:ec2/natGateway:NatGateway",
                    with(List.of("ec2:CreateNatGateway", "ec2:DescribeNatGateways", "ec2:DeleteNatGateway"), EC2_TAGS),
                    TF + "ec2/vpc_nat_gateway.go"),
            need(
                    "aws:ec2/route:Route",
                    List.of("ec2:CreateRoute", "ec2:DescribeRouteTables", "ec2:ReplaceRoute", "ec2:DeleteRoute"),
                    TF + "ec2/vpc_route.go"),
            need(
                    "aws:ec2/routeTable:RouteTable",
                    with(List.of("ec2:CreateRouteTable", "ec2:DescribeRouteTables", "ec2:DeleteRouteTable"), EC2_TAGS),
                    TF + "ec2/vpc_route_table.go"),
            need(
                    "aws:ec2/routeTableAssociation:RouteTableAssociation",
                    List.of(
                            "ec2:AssociateRouteTable",
                            "ec2:DescribeRouteTables",
                            "ec2:ReplaceRouteTableAssociation",
                            "ec2:DisassociateRouteTable"),
                    TF + "ec2/vpc_route_table_association.go"),
            need(
                    "aws:ec2/securityGroup:SecurityGroup",
                    with(
                            List.of(
                                    "ec2:CreateSecurityGroup",
                                    "ec2:DescribeSecurityGroups",
                                    "ec2:AuthorizeSecurityGroupEgress",
                                    "ec2:AuthorizeSecurityGroupIngress",
                                    "ec2:RevokeSecurityGroupEgress",
                                    "ec2:RevokeSecurityGroupIngress",
                                    "ec2:DescribeNetworkInterfaces",
                                    "ec2:DeleteSecurityGroup"),
                            EC2_TAGS),
                    TF + "ec2/vpc_security_group.go (the default egress rule is revoked on create; delete waits"
                            + " for network interfaces)"),
            need(
                    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                    with(
                            List.of(
                                    "ec2:DescribeSecurityGroups",
                                    "ec2:AuthorizeSecurityGroupEgress",
                                    "ec2:AuthorizeSecurityGroupIngress",
                                    "ec2:RevokeSecurityGroupEgress",
                                    "ec2:RevokeSecurityGroupIngress"),
                            EC2_TAGS),
                    TF + "ec2/vpc_default_security_group.go (adopts the VPC's default group and revokes its rules;"
                            + " delete leaves it to the VPC)"),
            need(
                    "aws:ec2/flowLog:FlowLog",
                    with(
                            List.of("ec2:CreateFlowLogs", "ec2:DescribeFlowLogs", "ec2:DeleteFlowLogs", "iam:PassRole"),
                            EC2_TAGS),
                    TF + "ec2/vpc_flow_log.go; iam:PassRole on the delivery role: VPC User Guide, \"IAM role for"
                            + " publishing flow logs to CloudWatch Logs\""),
            need(
                    "aws:ec2/vpcEndpoint:VpcEndpoint",
                    with(
                            List.of(
                                    "ec2:CreateVpcEndpoint",
                                    "ec2:DescribeVpcEndpoints",
                                    "ec2:ModifyVpcEndpoint",
                                    "ec2:DeleteVpcEndpoints",
                                    "ec2:DescribePrefixLists",
                                    "ec2:DescribeVpcEndpointServices",
                                    "route53:AssociateVPCWithHostedZone"),
                            EC2_TAGS),
                    TF + "ec2/vpc_endpoint.go (private DNS of an interface endpoint associates a hosted zone AWS"
                            + " manages: EC2 User Guide, \"Access an AWS service using an interface VPC endpoint\")"),
            need(
                    "aws:ec2/subnet:Subnet",
                    with(
                            List.of(
                                    "ec2:CreateSubnet",
                                    "ec2:DescribeSubnets",
                                    "ec2:ModifySubnetAttribute",
                                    "ec2:DescribeNetworkInterfaces",
                                    "ec2:DeleteSubnet"),
                            EC2_TAGS),
                    TF + "ec2/vpc_subnet.go"),
            need(
                    "aws:ec2/vpc:Vpc",
                    with(
                            List.of(
                                    "ec2:CreateVpc",
                                    "ec2:DescribeVpcs",
                                    "ec2:DescribeVpcAttribute",
                                    "ec2:ModifyVpcAttribute",
                                    "ec2:DescribeRouteTables",
                                    "ec2:DescribeNetworkAcls",
                                    "ec2:DescribeSecurityGroups",
                                    "ec2:DeleteVpc"),
                            EC2_TAGS),
                    TF + "ec2/vpc_.go (the read looks up the main route table, default network ACL and default"
                            + " security group)"),
            need(
                    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    with(
                            List.of(
                                    "ec2:AuthorizeSecurityGroupIngress",
                                    "ec2:DescribeSecurityGroupRules",
                                    "ec2:ModifySecurityGroupRules",
                                    "ec2:RevokeSecurityGroupIngress"),
                            EC2_TAGS),
                    TF + "ec2/vpc_security_group_ingress_rule.go"),
            need(
                    "aws:index/getAvailabilityZones:getAvailabilityZones",
                    List.of("ec2:DescribeAvailabilityZones"),
                    TF + "ec2/ec2_availability_zones_data_source.go"),
            need(
                    "aws:ec2/getManagedPrefixList:getManagedPrefixList",
                    List.of("ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries"),
                    TF + "ec2/vpc_managed_prefix_list_data_source.go"),
            // --- EKS ---
            need(
                    "aws:eks/accessEntry:AccessEntry",
                    with(
                            List.of(
                                    "eks:CreateAccessEntry",
                                    "eks:DescribeAccessEntry",
                                    "eks:UpdateAccessEntry",
                                    "eks:DeleteAccessEntry"),
                            EKS_TAGS),
                    TF + "eks/access_entry.go"),
            need(
                    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
                    List.of(
                            "eks:AssociateAccessPolicy",
                            "eks:ListAssociatedAccessPolicies",
                            "eks:DisassociateAccessPolicy"),
                    TF + "eks/access_policy_association.go"),
            need(
                    "aws:eks/addon:Addon",
                    with(
                            List.of("eks:CreateAddon", "eks:DescribeAddon", "eks:UpdateAddon", "eks:DeleteAddon"),
                            EKS_TAGS),
                    TF + "eks/addon.go"),
            need(
                    "aws:eks/cluster:Cluster",
                    with(
                            List.of(
                                    "eks:CreateCluster",
                                    "eks:DescribeCluster",
                                    "eks:DescribeUpdate",
                                    "eks:UpdateClusterConfig",
                                    "eks:UpdateClusterVersion",
                                    "eks:AssociateEncryptionConfig",
                                    "eks:DeleteCluster",
                                    "iam:GetRole",
                                    "iam:PassRole",
                                    "kms:CreateGrant",
                                    "kms:DescribeKey"),
                            EKS_TAGS),
                    List.of("eks.amazonaws.com"),
                    TF + "eks/cluster.go; passing the cluster role and the secrets encryption key (kms:CreateGrant,"
                            + " kms:DescribeKey), and EKS's service-linked role: Service Authorization Reference, EKS"
                            + " CreateCluster; EKS user guide, using-service-linked-roles-eks.html"),
            need(
                    "aws:eks/nodeGroup:NodeGroup",
                    with(
                            List.of(
                                    "eks:CreateNodegroup",
                                    "eks:DescribeNodegroup",
                                    "eks:DescribeUpdate",
                                    "eks:UpdateNodegroupConfig",
                                    "eks:UpdateNodegroupVersion",
                                    "eks:DeleteNodegroup",
                                    "iam:GetRole",
                                    "iam:PassRole",
                                    "ec2:DescribeLaunchTemplateVersions"),
                            EKS_TAGS),
                    List.of("eks-nodegroup.amazonaws.com"),
                    TF + "eks/node_group.go; passing the node role, the launch template and the node groups'"
                            + " service-linked role: Service Authorization Reference, EKS CreateNodegroup; EKS user"
                            + " guide, using-service-linked-roles-eks-nodegroups.html"),
            need(
                    "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                    with(
                            List.of(
                                    "eks:CreatePodIdentityAssociation",
                                    "eks:DescribePodIdentityAssociation",
                                    "eks:UpdatePodIdentityAssociation",
                                    "eks:DeletePodIdentityAssociation",
                                    "iam:GetRole",
                                    "iam:PassRole"),
                            EKS_TAGS),
                    TF + "eks/pod_identity_association.go; iam:PassRole and iam:GetRole on the role: Service"
                            + " Authorization Reference, EKS CreatePodIdentityAssociation"),
            // What the preflight asks of a cluster that may exist already (upgrades).
            need("aws:eks/getClusters:getClusters", List.of("eks:ListClusters"), TF + "eks/clusters_data_source.go"),
            need("aws:eks/getCluster:getCluster", List.of("eks:DescribeCluster"), TF + "eks/cluster_data_source.go"),
            need(
                    "aws:eks/getNodeGroups:getNodeGroups",
                    List.of("eks:ListNodegroups"),
                    TF + "eks/node_groups_data_source.go"),
            need(
                    "aws:eks/getNodeGroup:getNodeGroup",
                    List.of("eks:DescribeNodegroup"),
                    TF + "eks/node_group_data_source.go"),
            need("aws:eks/getAddon:getAddon", List.of("eks:DescribeAddon"), TF + "eks/addon_data_source.go"),
            need(
                    "aws:eks/getAddonVersion:getAddonVersion",
                    List.of("eks:DescribeAddonVersions"),
                    TF + "eks/addon_version_data_source.go"),
            // --- IAM and STS ---
            need(
                    "aws:iam/role:Role",
                    List.of(
                            "iam:CreateRole",
                            "iam:GetRole",
                            "iam:UpdateRole",
                            "iam:UpdateRoleDescription",
                            "iam:UpdateAssumeRolePolicy",
                            "iam:TagRole",
                            "iam:UntagRole",
                            "iam:ListRolePolicies",
                            "iam:GetRolePolicy",
                            "iam:ListAttachedRolePolicies",
                            "iam:ListInstanceProfilesForRole",
                            "iam:DeleteRolePolicy",
                            "iam:DetachRolePolicy",
                            "iam:DeleteRole"),
                    TF + "iam/role.go (the read lists inline and attached policies; delete removes them first)"),
            need(
                    "aws:iam/rolePolicy:RolePolicy",
                    List.of("iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"),
                    TF + "iam/role_policy.go"),
            need(
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    List.of("iam:AttachRolePolicy", "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy"),
                    TF + "iam/role_policy_attachment.go"),
            need(
                    "aws:iam/getSessionContext:getSessionContext",
                    List.of("iam:GetRole"),
                    TF + "iam/session_context_data_source.go (the role behind an assumed-role session)"),
            need(
                    "aws:index/getCallerIdentity:getCallerIdentity",
                    List.of(),
                    TF + "sts/caller_identity_data_source.go; sts:GetCallerIdentity needs no permission (STS API"
                            + " reference)"),
            // --- KMS ---
            need(
                    "aws:kms/alias:Alias",
                    List.of("kms:CreateAlias", "kms:ListAliases", "kms:UpdateAlias", "kms:DeleteAlias"),
                    TF + "kms/alias.go"),
            need(
                    "aws:kms/key:Key",
                    List.of(
                            "kms:CreateKey",
                            "kms:DescribeKey",
                            "kms:GetKeyPolicy",
                            "kms:PutKeyPolicy",
                            "kms:GetKeyRotationStatus",
                            "kms:EnableKeyRotation",
                            "kms:DisableKeyRotation",
                            "kms:EnableKey",
                            "kms:DisableKey",
                            "kms:UpdateKeyDescription",
                            "kms:ListResourceTags",
                            "kms:TagResource",
                            "kms:UntagResource",
                            "kms:ScheduleKeyDeletion"),
                    TF + "kms/key.go, tags_gen.go"),
            // --- RAM ---
            need(
                    "aws:ram/resourceShare:ResourceShare",
                    List.of(
                            "ram:CreateResourceShare",
                            "ram:GetResourceShares",
                            "ram:UpdateResourceShare",
                            "ram:DeleteResourceShare",
                            "ram:TagResource",
                            "ram:UntagResource"),
                    TF + "ram/resource_share.go, tags_gen.go"),
            need(
                    "aws:ram/principalAssociation:PrincipalAssociation",
                    List.of(
                            "ram:AssociateResourceShare",
                            "ram:GetResourceShareAssociations",
                            "ram:DisassociateResourceShare"),
                    TF + "ram/principal_association.go"),
            need(
                    "aws:ram/resourceAssociation:ResourceAssociation",
                    List.of(
                            "ram:AssociateResourceShare",
                            "ram:GetResourceShareAssociations",
                            "ram:DisassociateResourceShare",
                            "vpc-lattice:PutResourcePolicy",
                            "vpc-lattice:GetResourcePolicy",
                            "vpc-lattice:DeleteResourcePolicy",
                            "acm-pca:PutPolicy",
                            "acm-pca:GetPolicy",
                            "acm-pca:DeletePolicy",
                            "route53profiles:PutProfilePolicy",
                            "route53profiles:GetProfilePolicy"),
                    TF + "ram/resource_association.go; RAM attaches a resource policy to what it shares, with the"
                            + " sharer's permissions for the service network, the CA and the Route 53 Profile (RAM"
                            + " user guide, shareable resources; Route 53 developer guide, sharing Profiles:"
                            + " GetProfilePolicy and PutProfilePolicy)"),
            // --- Route 53 and Route 53 Profiles ---
            need(
                    "aws:route53/zone:Zone",
                    List.of(
                            "route53:CreateHostedZone",
                            "route53:GetHostedZone",
                            "route53:GetChange",
                            "route53:UpdateHostedZoneComment",
                            "route53:AssociateVPCWithHostedZone",
                            "route53:DisassociateVPCFromHostedZone",
                            "route53:ListResourceRecordSets",
                            "route53:ChangeResourceRecordSets",
                            "route53:DeleteHostedZone",
                            "route53:ListTagsForResource",
                            "route53:ChangeTagsForResource",
                            "ec2:DescribeVpcs"),
                    TF + "route53/zone.go; a private zone's VPC needs ec2:DescribeVpcs (Route 53 developer guide,"
                            + " permissions for private hosted zones)"),
            need(
                    "aws:route53/zoneAssociation:ZoneAssociation",
                    List.of(
                            "route53:AssociateVPCWithHostedZone",
                            "route53:DisassociateVPCFromHostedZone",
                            "route53:GetHostedZone",
                            "route53:ListHostedZonesByVPC",
                            "route53:GetChange",
                            "ec2:DescribeVpcs"),
                    TF + "route53/zone_association.go"),
            need(
                    "aws:route53/profilesProfile:ProfilesProfile",
                    with(
                            List.of(
                                    "route53profiles:CreateProfile",
                                    "route53profiles:GetProfile",
                                    "route53profiles:DeleteProfile"),
                            PROFILE_TAGS),
                    TF + "route53profiles/profile.go, tags_gen.go"),
            need(
                    "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation",
                    List.of(
                            "route53profiles:AssociateResourceToProfile",
                            "route53profiles:GetProfileResourceAssociation",
                            "route53profiles:DisassociateResourceFromProfile",
                            "route53:GetHostedZone"),
                    TF + "route53profiles/resource_association.go; a hosted zone needs route53:GetHostedZone (AWS"
                            + " managed policy AmazonRoute53ProfilesFullAccess)"),
            need(
                    "aws:route53/profilesAssociation:ProfilesAssociation",
                    with(
                            List.of(
                                    "route53profiles:AssociateProfile",
                                    "route53profiles:GetProfileAssociation",
                                    "route53profiles:DisassociateProfile",
                                    "ec2:DescribeVpcs"),
                            PROFILE_TAGS),
                    TF + "route53profiles/association.go, tags_gen.go; the VPC needs ec2:DescribeVpcs (AWS managed"
                            + " policy AmazonRoute53ProfilesFullAccess)"),
            // --- VPC Lattice ---
            need(
                    "aws:vpclattice/serviceNetwork:ServiceNetwork",
                    with(
                            List.of(
                                    "vpc-lattice:CreateServiceNetwork",
                                    "vpc-lattice:GetServiceNetwork",
                                    "vpc-lattice:UpdateServiceNetwork",
                                    "vpc-lattice:DeleteServiceNetwork"),
                            LATTICE_TAGS),
                    List.of("vpc-lattice.amazonaws.com"),
                    TF + "vpclattice/service_network.go, tags_gen.go; VPC Lattice's service-linked role (VPC"
                            + " Lattice user guide, using-service-linked-roles.html)"),
            need(
                    "aws:vpclattice/authPolicy:AuthPolicy",
                    List.of("vpc-lattice:PutAuthPolicy", "vpc-lattice:GetAuthPolicy", "vpc-lattice:DeleteAuthPolicy"),
                    TF + "vpclattice/auth_policy.go"),
            need(
                    "aws:vpclattice/accessLogSubscription:AccessLogSubscription",
                    with(
                            List.of(
                                    "vpc-lattice:CreateAccessLogSubscription",
                                    "vpc-lattice:GetAccessLogSubscription",
                                    "vpc-lattice:DeleteAccessLogSubscription",
                                    "logs:CreateLogDelivery",
                                    "logs:GetLogDelivery",
                                    "logs:UpdateLogDelivery",
                                    "logs:DeleteLogDelivery",
                                    "logs:ListLogDeliveries",
                                    "logs:PutResourcePolicy",
                                    "logs:DescribeResourcePolicies",
                                    "logs:DescribeLogGroups"),
                            LATTICE_TAGS),
                    TF + "vpclattice/access_log_subscription.go; delivery to CloudWatch Logs needs the logs"
                            + " delivery actions (VPC Lattice user guide, access logs: IAM permissions)"),
            need(
                    "aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation",
                    with(
                            List.of(
                                    "vpc-lattice:CreateServiceNetworkVpcAssociation",
                                    "vpc-lattice:GetServiceNetworkVpcAssociation",
                                    "vpc-lattice:UpdateServiceNetworkVpcAssociation",
                                    "vpc-lattice:DeleteServiceNetworkVpcAssociation",
                                    "ec2:DescribeVpcs",
                                    "ec2:DescribeSecurityGroups"),
                            LATTICE_TAGS),
                    TF + "vpclattice/service_network_vpc_association.go, tags_gen.go; the VPC and its security"
                            + " groups are described (Service Authorization Reference, VPC Lattice"
                            + " CreateServiceNetworkVpcAssociation)"));

    /**
     * What the deployer needs for {@code type}, a Pulumi resource type or data-source token; empty when the table
     * does not know it. Kubernetes objects and Helm releases are authorised in the cluster (the admin access entry),
     * component resources and providers call no AWS API.
     */
    public static Optional<Need> of(String type) {
        if (AWS.containsKey(type)) {
            return Optional.of(AWS.get(type));
        }
        if (type.startsWith("kubernetes:") || type.equals("pulumi:providers:kubernetes")) {
            return Optional.of(new Need(
                    List.of(), List.of(), "a Kubernetes object: the cluster authorises it (the admin access entry)"));
        }
        if (type.startsWith("multicluster:") || type.equals("pulumi:providers:aws")) {
            return Optional.of(new Need(List.of(), List.of(), "a component or provider: no AWS call of its own"));
        }
        return Optional.empty();
    }

    /** The types {@link #of} does not know, sorted. */
    public static SortedSet<String> unknown(Collection<String> types) {
        var unknown = new TreeSet<String>();
        types.stream().filter(type -> of(type).isEmpty()).forEach(unknown::add);
        return unknown;
    }

    /** The actions of every type, sorted; {@code iam:CreateServiceLinkedRole} apart (see {@link #policy}). */
    public static SortedSet<String> actions(Collection<String> types) {
        var actions = new TreeSet<String>();
        types.forEach(type -> of(type).ifPresent(need -> actions.addAll(need.actions())));
        return actions;
    }

    /** The services whose service-linked role the types may make AWS create, sorted. */
    public static SortedSet<String> serviceLinkedRoles(Collection<String> types) {
        var services = new TreeSet<String>();
        types.forEach(type -> of(type).ifPresent(need -> services.addAll(need.serviceLinkedRoles())));
        return services;
    }

    /**
     * The deployer's IAM policy for {@code types}: their actions on every resource; {@code iam:CreateServiceLinkedRole}
     * only for the services that need it ({@code iam:AWSServiceName}); {@code sts:AssumeRole} on the role each
     * kubeconfig assumes, if any.
     *
     * @throws IllegalArgumentException naming the types the table does not know
     */
    public static String policy(Collection<String> types, Optional<String> kubeconfigRole) {
        var unknown = unknown(types);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no deployer permissions are known for " + String.join(", ", unknown)
                    + "; add them to DeployerPermissions");
        }
        var policy = IamPolicy.builder()
                .version("2012-10-17")
                .addStatement(IamStatement.builder()
                        .sid("Deploy")
                        .effect(IamEffect.ALLOW)
                        .actionIds(List.copyOf(actions(types)))
                        .addResource("*")
                        .build());
        var linked = serviceLinkedRoles(types);
        if (!linked.isEmpty()) {
            policy.addStatement(IamStatement.builder()
                    .sid("ServiceLinkedRoles")
                    .effect(IamEffect.ALLOW)
                    .addAction("iam:CreateServiceLinkedRole")
                    .addResource("*")
                    .addConditions(IamConditionOperator.STRING_EQUALS, "iam:AWSServiceName", List.copyOf(linked))
                    .build());
        }
        kubeconfigRole.ifPresent(role -> policy.addStatement(IamStatement.builder()
                .sid("KubeconfigRole")
                .effect(IamEffect.ALLOW)
                .addAction("sts:AssumeRole")
                .addResource(role)
                .build()));
        return IamPolicyWriter.builder().prettyPrint(true).build().writeToString(policy.build());
    }
}
