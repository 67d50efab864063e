package io.vpclattice.multicluster.policies;

import io.vpclattice.multicluster.accounts.SharedWith;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPolicyWriter;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every IAM and VPC Lattice auth policy the stacks attach, built with the AWS SDK policy builder and written
 * compact (Lattice rejects auth policies that contain newlines). Least privilege: no wildcard principal without a
 * condition that narrows it to the organization, each trust policy scoped to one account and to the Kubernetes
 * identity that needs it.
 */
public final class Policies {
    private Policies() {}

    public static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
    public static final String LATTICE_INVOKE = "vpc-lattice-svcs:Invoke";
    public static final String TAG_CLUSTER = "eks-cluster-name";
    public static final String TAG_NAMESPACE = "kubernetes-namespace";
    public static final String TAG_SERVICE_ACCOUNT = "kubernetes-service-account";

    private static final String CHANGE_RECORDS = "route53:ChangeResourceRecordSets";
    private static final List<String> READ_ZONE =
            List.of("route53:ListResourceRecordSets", "route53:ListTagsForResources", "route53:ListTagsForResource");

    private static final IamPolicyWriter WRITER =
            IamPolicyWriter.builder().prettyPrint(false).build();

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
    public static String podIdentityTrust(
            String account, List<String> namespaces, String eksCluster, String serviceAccount) {
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
            statement.addCondition(
                    IamConditionOperator.STRING_EQUALS, "aws:RequestTag/" + TAG_SERVICE_ACCOUNT, serviceAccount);
        }
        return write(statement.build());
    }

    // --- permission policies ---

    /**
     * What the SigV4 sidecar of a client pod needs: invoke Lattice services of the accounts that run clusters, in
     * this region, and read the certificate of this one CA (the sidecar downloads it at start to trust the
     * services' TLS certificate).
     *
     * @param serviceAccounts the accounts whose services the pods call (the Invoke resource names the service's account)
     */
    public static String clientPermissions(
            String partition, String region, List<String> serviceAccounts, String certificateAuthorityArn) {
        var invoke = IamStatement.builder()
                .sid("InvokeLatticeServices")
                .effect(IamEffect.ALLOW)
                .addAction(LATTICE_INVOKE);
        serviceAccounts.stream()
                .distinct()
                .sorted()
                .forEach(account -> invoke.addResource(
                        "arn:" + partition + ":vpc-lattice:" + region + ":" + account + ":service/*"));
        return write(
                invoke.build(),
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
                                "ec2:DescribeVpcs",
                                "ec2:DescribeSubnets",
                                "ec2:DescribeTags",
                                "ec2:DescribeSecurityGroups",
                                "logs:CreateLogDelivery",
                                "logs:GetLogDelivery",
                                "logs:DescribeLogGroups",
                                "logs:PutResourcePolicy",
                                "logs:DescribeResourcePolicies",
                                "logs:UpdateLogDelivery",
                                "logs:DeleteLogDelivery",
                                "logs:ListLogDeliveries",
                                "tag:GetResources",
                                "tag:TagResources",
                                "tag:UntagResources",
                                "firehose:TagDeliveryStream",
                                "s3:GetBucketPolicy",
                                "s3:PutBucketPolicy",
                                "acm:ListCertificates"))
                        .addResource("*")
                        .build(),
                serviceLinkedRole(
                        partition,
                        "vpc-lattice.amazonaws.com",
                        "AWSServiceRoleForVpcLattice",
                        "CreateLatticeServiceLinkedRole"),
                serviceLinkedRole(
                        partition,
                        "delivery.logs.amazonaws.com",
                        "AWSServiceRoleForLogDelivery",
                        "CreateLogDeliveryServiceLinkedRole"));
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
        var actions = new ArrayList<String>();
        actions.add(CHANGE_RECORDS);
        actions.addAll(READ_ZONE);
        return write(
                IamStatement.builder()
                        .sid("ChangeRecordsInPrivateZone")
                        .effect(IamEffect.ALLOW)
                        .actionIds(actions)
                        .addResource(zoneArn)
                        .build(),
                findZones());
    }

    /**
     * A cluster's own role for ExternalDNS in the environment's zone when the zone is in another account: may
     * change only the records whose names end in {@code -<cluster>.<domain>} (with ExternalDNS's TXT registry
     * records, which carry the same suffix), so one cluster can neither move nor delete another's names.
     */
    public static String externalDnsWriterPermissions(String zoneArn, String recordNamePattern) {
        return write(
                IamStatement.builder()
                        .sid("ChangeOwnRecordsInPrivateZone")
                        .effect(IamEffect.ALLOW)
                        .addAction(CHANGE_RECORDS)
                        .addResource(zoneArn)
                        .addCondition(
                                IamConditionOperator.STRING_LIKE.addPrefix("ForAllValues:"),
                                "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                                recordNamePattern)
                        .addConditions(
                                IamConditionOperator.STRING_EQUALS.addPrefix("ForAllValues:"),
                                "route53:ChangeResourceRecordSetsRecordTypes",
                                List.of("CNAME", "TXT"))
                        .build(),
                IamStatement.builder()
                        .sid("ReadPrivateZone")
                        .effect(IamEffect.ALLOW)
                        .actionIds(READ_ZONE)
                        .addResource(zoneArn)
                        .build(),
                findZones());
    }

    /** ExternalDNS lists every hosted zone and then keeps those its filters name. */
    private static IamStatement findZones() {
        return IamStatement.builder()
                .sid("FindZones")
                .effect(IamEffect.ALLOW)
                .addAction("route53:ListHostedZones")
                .addResource("*")
                .build();
    }

    /**
     * Trust of a role in the environment's account that one role of a member account may assume: the member
     * account's root is the principal (IAM refuses a role principal that does not exist yet, and the member role
     * comes later), narrowed to that role by {@code aws:PrincipalArn}. Pod Identity session tags are
     * transitive, hence {@code sts:TagSession}.
     */
    public static String crossAccountRoleTrust(String partition, String memberAccount, String memberRoleArn) {
        return write(IamStatement.builder()
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipalType.AWS, accountRoot(partition, memberAccount))
                .addAction("sts:AssumeRole")
                .addAction("sts:TagSession")
                .addCondition(IamConditionOperator.ARN_EQUALS, "aws:PrincipalArn", memberRoleArn)
                .build());
    }

    /** May assume one role, e.g. the environment's DNS writer role from a member account. */
    public static String assumeRolePermissions(String roleArn) {
        return write(IamStatement.builder()
                .sid("AssumeRole")
                .effect(IamEffect.ALLOW)
                .addAction("sts:AssumeRole")
                .addAction("sts:TagSession")
                .addResource(roleArn)
                .build());
    }

    // --- VPC Lattice auth policies ---

    /**
     * The service network's auth policy: only authenticated principals of this account, of the accounts it is
     * shared with, of the accounts its cluster stacks run in, and of the organizations it is shared with, pass the
     * network. The services' own policies then decide who may call each one. An organization cannot be a
     * principal, so that statement names any principal and requires the principal's organization
     * ({@code aws:PrincipalOrgID}, as the Lattice documentation shows). An organizational unit adds no statement:
     * {@code aws:PrincipalOrgPaths} is not documented for Lattice, and the whole organization would be too wide,
     * so the unit's members are admitted by the accounts their cluster stacks name.
     *
     * @param memberAccounts the accounts of the cluster stacks outside this account
     */
    public static String serviceNetworkAuthPolicy(
            String partition, String account, SharedWith sharedWith, Collection<String> memberAccounts) {
        var statements = new ArrayList<IamStatement>();
        statements.add(IamStatement.builder()
                .sid("AuthenticatedPrincipalsOfThisAccount")
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipalType.AWS, accountRoot(partition, account))
                .addAction(LATTICE_INVOKE)
                .addResource("*")
                .build());
        var admitted = new TreeSet<String>(sharedWith.accounts());
        admitted.addAll(memberAccounts);
        admitted.remove(account);
        if (!admitted.isEmpty()) {
            var members = IamStatement.builder()
                    .sid("AuthenticatedPrincipalsOfMemberAccounts")
                    .effect(IamEffect.ALLOW)
                    .addAction(LATTICE_INVOKE)
                    .addResource("*");
            admitted.forEach(member -> members.addPrincipal(IamPrincipalType.AWS, accountRoot(partition, member)));
            statements.add(members.build());
        }
        if (!sharedWith.organizationIds().isEmpty()) {
            statements.add(IamStatement.builder()
                    .sid("AuthenticatedPrincipalsOfTheOrganization")
                    .effect(IamEffect.ALLOW)
                    .addPrincipal(IamPrincipal.ALL)
                    .addAction(LATTICE_INVOKE)
                    .addResource("*")
                    .addConditions(
                            IamConditionOperator.STRING_EQUALS, "aws:PrincipalOrgID", sharedWith.organizationIds())
                    .build());
        }
        return write(statements.toArray(IamStatement[]::new));
    }

    /**
     * A service's auth policy from its callers: one Allow per caller, for principals of the caller's account whose
     * Pod Identity session tags name that cluster and namespace. Without callers, one explicit Deny for everyone.
     *
     * @param account the service's own account
     */
    public static String serviceAuthPolicy(String partition, String account, List<Caller> callers) {
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
                .map(caller -> IamStatement.builder()
                        .sid(uniqueSid(sid(caller.rule()), sids))
                        .effect(IamEffect.ALLOW)
                        .addPrincipal(IamPrincipalType.AWS, accountRoot(partition, caller.account()))
                        .addAction(LATTICE_INVOKE)
                        .addResource("*")
                        .addCondition(
                                IamConditionOperator.STRING_EQUALS,
                                "aws:PrincipalTag/" + TAG_CLUSTER,
                                caller.rule().eksClusterName())
                        .addCondition(
                                IamConditionOperator.STRING_EQUALS,
                                "aws:PrincipalTag/" + TAG_NAMESPACE,
                                caller.rule().namespace())
                        .build())
                .toArray(IamStatement[]::new));
    }

    /** ARN of a role named {@code roleName} in {@code account}, for a role another stack creates. */
    public static String roleArn(String partition, String account, String roleName) {
        return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
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
        return IamPolicy.builder()
                .version("2012-10-17")
                .statements(List.of(statements))
                .build()
                .toJson(WRITER);
    }

    // --- VPC flow logs (issue 22), added last to ease merging ---

    /**
     * Trust of the role VPC Flow Logs delivers with: the service, narrowed to this account's flow logs as the VPC
     * User Guide recommends against the confused deputy ("IAM role for publishing flow logs to CloudWatch Logs",
     * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html: {@code aws:SourceAccount}, and
     * {@code aws:SourceArn} with a wildcard for the flow log's id, which is known only after the role is used).
     */
    public static String flowLogsTrust(String partition, String region, String account) {
        return write(IamStatement.builder()
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipalType.SERVICE, "vpc-flow-logs.amazonaws.com")
                .addAction("sts:AssumeRole")
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", account)
                .addCondition(
                        IamConditionOperator.ARN_LIKE,
                        "aws:SourceArn",
                        "arn:" + partition + ":ec2:" + region + ":" + account + ":vpc-flow-log/*")
                .build());
    }

    /**
     * What VPC Flow Logs needs to write into one log group: the actions the same guide lists, on that group and its
     * streams instead of {@code *}, and DescribeLogGroups (a listing, which takes no single group) on the region's
     * groups. The group exists (the stack creates it), so CreateLogGroup on it changes nothing.
     *
     * @param logGroupArn the group's ARN as pulumi-aws gives it, without the trailing {@code :*}
     */
    public static String flowLogDelivery(String partition, String region, String account, String logGroupArn) {
        return write(
                IamStatement.builder()
                        .sid("DeliverFlowLogs")
                        .effect(IamEffect.ALLOW)
                        .actionIds(List.of(
                                "logs:CreateLogGroup",
                                "logs:CreateLogStream",
                                "logs:PutLogEvents",
                                "logs:DescribeLogStreams"))
                        .addResource(logGroupArn)
                        .addResource(logGroupArn + ":*")
                        .build(),
                IamStatement.builder()
                        .sid("FindLogGroups")
                        .effect(IamEffect.ALLOW)
                        .addAction("logs:DescribeLogGroups")
                        .addResource("arn:" + partition + ":logs:" + region + ":" + account + ":log-group:*")
                        .build());
    }
}
