package io.vpclattice.multicluster.policies;

import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPolicyWriter;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every IAM and VPC Lattice auth policy the stacks attach, built with the AWS SDK policy builder and written
 * compact (Lattice rejects auth policies that contain newlines). Least privilege: no wildcard principal anywhere,
 * each trust policy scoped to this account and to the Kubernetes identity that needs it.
 */
public final class Policies {
    private Policies() {
    }

    public static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
    public static final String LATTICE_INVOKE = "vpc-lattice-svcs:Invoke";
    public static final String TAG_CLUSTER = "eks-cluster-name";
    public static final String TAG_NAMESPACE = "kubernetes-namespace";
    public static final String TAG_SERVICE_ACCOUNT = "kubernetes-service-account";

    private static final IamPolicyWriter WRITER = IamPolicyWriter.builder().prettyPrint(false).build();

    // --- trust policies ---

    /**
     * Trust for an AWS service that assumes the role itself, such as {@code eks.amazonaws.com} for the cluster
     * or {@code ec2.amazonaws.com} for nodes, as the EKS documentation writes it.
     */
    public static String serviceTrust(String service) {
        return write(IamStatement.builder()
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipalType.SERVICE, service)
                .addAction("sts:AssumeRole")
                .build());
    }

    /**
     * Trust for EKS Pod Identity: the agent assumes the role and tags the session, so both actions are needed.
     * The session tags Pod Identity sends are checked as request tags, which pins the role to the given
     * namespaces (and, when given, one cluster and one service account).
     */
    public static String podIdentityTrust(String account, List<String> namespaces, String eksCluster, String serviceAccount) {
        var statement = IamStatement.builder()
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipalType.SERVICE, POD_IDENTITY_SERVICE)
                .addAction("sts:AssumeRole")
                .addAction("sts:TagSession")
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", account)
                .addConditions(IamConditionOperator.STRING_EQUALS, "aws:RequestTag/" + TAG_NAMESPACE, namespaces);
        if (eksCluster != null) {
            statement.addCondition(IamConditionOperator.STRING_EQUALS, "aws:RequestTag/" + TAG_CLUSTER, eksCluster);
        }
        if (serviceAccount != null) {
            statement.addCondition(IamConditionOperator.STRING_EQUALS, "aws:RequestTag/" + TAG_SERVICE_ACCOUNT, serviceAccount);
        }
        return write(statement.build());
    }

    // --- permission policies ---

    /**
     * What the SigV4 sidecar of a client pod needs: invoke Lattice services of this account and region, and read
     * the certificate of this one CA (the sidecar downloads it at start to trust the services' TLS certificate).
     */
    public static String clientPermissions(String partition, String region, String account, String certificateAuthorityArn) {
        return write(
                IamStatement.builder()
                        .sid("InvokeLatticeServices")
                        .effect(IamEffect.ALLOW)
                        .addAction(LATTICE_INVOKE)
                        .addResource("arn:" + partition + ":vpc-lattice:" + region + ":" + account + ":service/*")
                        .build(),
                IamStatement.builder()
                        .sid("ReadPrivateCaCertificate")
                        .effect(IamEffect.ALLOW)
                        .addAction("acm-pca:GetCertificateAuthorityCertificate")
                        .addResource(certificateAuthorityArn)
                        .build());
    }

    /**
     * The AWS Gateway API Controller's recommended policy (v2.1.3,
     * {@code files/controller-installation/recommended-inline-policy.json}), with service-linked-role creation
     * limited to this partition.
     */
    public static String gatewayControllerPermissions(String partition) {
        return write(
                IamStatement.builder()
                        .sid("ManageLattice")
                        .effect(IamEffect.ALLOW)
                        .actionIds(List.of(
                                "vpc-lattice:*",
                                "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeTags", "ec2:DescribeSecurityGroups",
                                "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:DescribeLogGroups",
                                "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:UpdateLogDelivery",
                                "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
                                "tag:GetResources", "tag:TagResources", "tag:UntagResources",
                                "firehose:TagDeliveryStream", "s3:GetBucketPolicy", "s3:PutBucketPolicy",
                                "acm:ListCertificates"))
                        .addResource("*")
                        .build(),
                serviceLinkedRole(partition, "vpc-lattice.amazonaws.com", "AWSServiceRoleForVpcLattice", "CreateLatticeServiceLinkedRole"),
                serviceLinkedRole(partition, "delivery.logs.amazonaws.com", "AWSServiceRoleForLogDelivery", "CreateLogDeliveryServiceLinkedRole"));
    }

    /**
     * What the EKS control plane needs on its secrets key: AWS managed cluster policies grant no KMS access, and
     * without it envelope encryption of secrets fails.
     */
    public static String clusterEncryptionPermissions(String keyArn) {
        return write(IamStatement.builder()
                .sid("EncryptSecretsWithTheClusterKey")
                .effect(IamEffect.ALLOW)
                .actionIds(List.of("kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"))
                .addResource(keyArn)
                .build());
    }

    /** ExternalDNS may change records only in the environment's private zone. */
    public static String externalDnsPermissions(String zoneArn) {
        return write(
                IamStatement.builder()
                        .sid("ChangeRecordsInPrivateZone")
                        .effect(IamEffect.ALLOW)
                        .actionIds(List.of("route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets",
                                "route53:ListTagsForResources", "route53:ListTagsForResource"))
                        .addResource(zoneArn)
                        .build(),
                IamStatement.builder()
                        .sid("FindZones")
                        .effect(IamEffect.ALLOW)
                        .addAction("route53:ListHostedZones")
                        .addResource("*")
                        .build());
    }

    // --- VPC Lattice auth policies ---

    /**
     * The service network's auth policy: only authenticated principals of this account pass the network. The
     * services' own policies then decide who may call each one.
     */
    public static String serviceNetworkAuthPolicy(String partition, String account) {
        return write(IamStatement.builder()
                .sid("AuthenticatedPrincipalsOfThisAccount")
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipalType.AWS, accountRoot(partition, account))
                .addAction(LATTICE_INVOKE)
                .addResource("*")
                .build());
    }

    /**
     * A service's auth policy from its caller rules: one Allow per rule, for principals of this account whose
     * Pod Identity session tags name that cluster and namespace. Without rules, one explicit Deny for everyone.
     */
    public static String serviceAuthPolicy(String partition, String account, List<CallerRule> callers) {
        if (callers.isEmpty()) {
            // Principals of other accounts have no Allow anywhere, so denying this account denies everyone.
            return write(IamStatement.builder()
                    .sid("DenyAllCallers")
                    .effect(IamEffect.DENY)
                    .addPrincipal(IamPrincipalType.AWS, accountRoot(partition, account))
                    .addAction(LATTICE_INVOKE)
                    .addResource("*")
                    .build());
        }
        var sids = new HashSet<String>();
        return write(callers.stream()
                .map(rule -> IamStatement.builder()
                        .sid(uniqueSid(sid(rule), sids))
                        .effect(IamEffect.ALLOW)
                        .addPrincipal(IamPrincipalType.AWS, accountRoot(partition, account))
                        .addAction(LATTICE_INVOKE)
                        .addResource("*")
                        .addCondition(IamConditionOperator.STRING_EQUALS, "aws:PrincipalTag/" + TAG_CLUSTER, rule.eksClusterName())
                        .addCondition(IamConditionOperator.STRING_EQUALS, "aws:PrincipalTag/" + TAG_NAMESPACE, rule.namespace())
                        .build())
                .toArray(IamStatement[]::new));
    }

    public static String accountRoot(String partition, String account) {
        return "arn:" + partition + ":iam::" + account + ":root";
    }

    /** ARN of an AWS managed policy. */
    public static String managedPolicy(String partition, String name) {
        return "arn:" + partition + ":iam::aws:policy/" + name;
    }

    private static IamStatement serviceLinkedRole(String partition, String service, String role, String sid) {
        return IamStatement.builder()
                .sid(sid)
                .effect(IamEffect.ALLOW)
                .addAction("iam:CreateServiceLinkedRole")
                .addResource("arn:" + partition + ":iam::*:role/aws-service-role/" + service + "/" + role)
                .addCondition(IamConditionOperator.STRING_LIKE, "iam:AWSServiceName", service)
                .build();
    }

    /** Statement ids allow only letters and digits: {@code cluster2/apps} becomes {@code AllowCluster2Apps}. */
    private static String sid(CallerRule rule) {
        var sid = new StringBuilder("Allow");
        for (String part : (rule.cluster() + "-" + rule.namespace()).split("[^A-Za-z0-9]+", -1)) {
            if (!part.isEmpty()) {
                sid.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sid.toString();
    }

    /** {@code cluster2/apps} and {@code cluster-2/apps} both give {@code AllowCluster2Apps}; ids must differ. */
    private static String uniqueSid(String sid, Set<String> taken) {
        String candidate = sid;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = sid + n;
        }
        return candidate;
    }

    private static String write(IamStatement... statements) {
        return IamPolicy.builder().version("2012-10-17").statements(List.of(statements)).build().toJson(WRITER);
    }
}
