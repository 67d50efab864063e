package io.vpclattice.multicluster.posture;

import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;

/**
 * The AWS Security Hub controls (Foundational Security Best Practices, with EKS.3 of NIST 800-53) and the EKS Best
 * Practices item of issue 22 that the stacks' own resources decide, each as control id, rule and source, with the
 * check that evaluates a plan against it. A check reads what the plan registers, as AWS Config would read the
 * resources: a VPC's children are the resources that take its id.
 *
 * <p>Not here: controls of the account (EC2.7 EBS default encryption, GuardDuty, Config), and those the plans cannot
 * show (EC2.17, several network interfaces per instance, which the VPC CNI's secondary interfaces fail by design;
 * PCA.1, the environment's root CA, a documented exception; SSM.1). See docs/security.md.
 */
final class SecurityControls {
    private SecurityControls() {}

    private static final String HUB = "https://docs.aws.amazon.com/securityhub/latest/userguide/";

    /** One failed control: which, on which resource. */
    record Finding(String control, String resource) {
        @Override
        public String toString() {
            return control + " on " + resource;
        }
    }

    /**
     * @param id     the control's id in Security Hub
     * @param rule   what it checks, as AWS words it
     * @param source where AWS says so
     */
    record Control(String id, String rule, String source, Check check) {}

    @FunctionalInterface
    interface Check {
        List<Finding> evaluate(String control, List<StackPlan> plans);
    }

    static final List<Control> ALL = List.of(
            new Control(
                    "EC2.2",
                    "The VPC default security group should not allow inbound and outbound traffic",
                    HUB + "ec2-controls.html#ec2-2",
                    eachVpc(
                            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            group -> List.of().equals(at(group, "ingress"))
                                    && List.of().equals(at(group, "egress")))),
            new Control(
                    "EC2.3",
                    "Attached Amazon EBS volumes should be encrypted at-rest (here: the root volume of every node)",
                    HUB + "ec2-controls.html#ec2-3",
                    eachNodeGroupsLaunchTemplate(SecurityControls::rootVolumeEncrypted)),
            new Control(
                    "EC2.6",
                    "VPC flow logging should be enabled in all VPCs (traffic type REJECT)",
                    HUB + "ec2-controls.html#ec2-6",
                    eachVpc(
                            "aws:ec2/flowLog:FlowLog",
                            log -> List.of("REJECT", "ALL").contains(at(log, "trafficType"))
                                    && at(log, "logDestination") != null)),
            new Control(
                    "EC2.8",
                    "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)",
                    HUB + "ec2-controls.html#ec2-8",
                    eachOfType(
                            "aws:ec2/launchTemplate:LaunchTemplate",
                            template -> "required".equals(at(template, "metadataOptions.httpTokens")))),
            endpoint(
                    "EC2.10",
                    "ec2",
                    "Amazon EC2 should be configured to use VPC endpoints that are created for the Amazon EC2 service"),
            endpoint("EC2.55", "ecr.api", "VPCs should be configured with an interface endpoint for ECR API"),
            endpoint("EC2.56", "ecr.dkr", "VPCs should be configured with an interface endpoint for Docker Registry"),
            endpoint("EC2.57", "ssm", "VPCs should be configured with an interface endpoint for Systems Manager"),
            endpoint(
                    "EC2.58",
                    "ssm-contacts",
                    "VPCs should be configured with an interface endpoint for Systems Manager Incident Manager Contacts"),
            endpoint(
                    "EC2.60",
                    "ssm-incidents",
                    "VPCs should be configured with an interface endpoint for Systems Manager Incident Manager"),
            new Control(
                    "EC2.181",
                    "EC2 launch templates should enable encryption for attached EBS volumes",
                    HUB + "ec2-controls.html#ec2-181",
                    eachOfType("aws:ec2/launchTemplate:LaunchTemplate", template -> {
                        if (!(at(template, "blockDeviceMappings") instanceof List<?> mappings)) {
                            return true; // nothing specified: nothing set to false
                        }
                        for (int i = 0; i < mappings.size(); i++) {
                            if (!"true".equals(at(template, "blockDeviceMappings." + i + ".ebs.encrypted"))) {
                                return false;
                            }
                        }
                        return true;
                    })),
            new Control(
                    "AutoScaling.6",
                    "Auto Scaling groups should use multiple instance types in multiple Availability Zones",
                    HUB + "autoscaling-controls.html#autoscaling-6",
                    eachOfType(
                            "aws:eks/nodeGroup:NodeGroup",
                            group -> at(group, "instanceTypes") instanceof List<?> types
                                    && types.size() >= 2
                                    && at(group, "subnetIds") instanceof List<?> subnets
                                    && subnets.size() >= 2)),
            new Control(
                    "EKS.1",
                    "EKS cluster endpoints should not be publicly accessible",
                    HUB + "eks-controls.html#eks-1",
                    eachOfType(
                            "aws:eks/cluster:Cluster",
                            cluster -> Boolean.FALSE.equals(at(cluster, "vpcConfig.endpointPublicAccess")))),
            new Control(
                    "EKS.3",
                    "EKS clusters should use encrypted Kubernetes secrets",
                    HUB + "eks-controls.html#eks-3",
                    eachOfType(
                            "aws:eks/cluster:Cluster",
                            cluster -> List.of("secrets").equals(at(cluster, "encryptionConfig.resources"))
                                    && at(cluster, "encryptionConfig.provider.keyArn") != null)),
            new Control(
                    "EKS.8",
                    "EKS clusters should have audit logging enabled",
                    HUB + "eks-controls.html#eks-8",
                    eachOfType(
                            "aws:eks/cluster:Cluster",
                            cluster -> at(cluster, "enabledClusterLogTypes") instanceof List<?> types
                                    && types.contains("audit"))),
            new Control(
                    "EKS-BPG.aws-node",
                    "aws-node has its own identity; the node role does not carry the VPC CNI's permissions",
                    "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html",
                    SecurityControls::awsNodeHasItsOwnIdentity));

    /** The failures of every control on {@code plans}, in the table's order. */
    static List<Finding> evaluate(List<StackPlan> plans) {
        var findings = new ArrayList<Finding>();
        for (Control control : ALL) {
            findings.addAll(control.check().evaluate(control.id(), plans));
        }
        return findings;
    }

    private static Control endpoint(String id, String service, String rule) {
        return new Control(
                id,
                rule,
                HUB + "ec2-controls.html#"
                        + id.toLowerCase(java.util.Locale.ROOT).replace('.', '-'),
                eachVpc(
                        "aws:ec2/vpcEndpoint:VpcEndpoint",
                        endpoint -> at(endpoint, "serviceName") instanceof String name
                                && name.matches(
                                        "com\\.amazonaws\\.[a-z0-9-]+\\." + java.util.regex.Pattern.quote(service))));
    }

    /** Each VPC has a resource of {@code type}, taking its id, that passes. */
    private static Check eachVpc(String type, Predicate<PlannedResource> passes) {
        return (control, plans) -> {
            var findings = new ArrayList<Finding>();
            for (StackPlan plan : plans) {
                for (PlannedResource vpc : ofType(plan, "aws:ec2/vpc:Vpc")) {
                    boolean found = ofType(plan, type).stream()
                            .filter(r -> r.dependsOn().contains(vpc.urn()) && at(r, "vpcId") != null)
                            .anyMatch(passes);
                    if (!found) {
                        findings.add(new Finding(control, plan.stack() + " " + vpc.name()));
                    }
                }
            }
            return findings;
        };
    }

    /** Every resource of {@code type} passes. */
    private static Check eachOfType(String type, Predicate<PlannedResource> passes) {
        return (control, plans) -> {
            var findings = new ArrayList<Finding>();
            for (StackPlan plan : plans) {
                ofType(plan, type).stream()
                        .filter(passes.negate())
                        .forEach(r -> findings.add(new Finding(control, plan.stack() + " " + r.name())));
            }
            return findings;
        };
    }

    /** Every node group's launch template passes. */
    private static Check eachNodeGroupsLaunchTemplate(BiPredicate<StackPlan, PlannedResource> passes) {
        return (control, plans) -> {
            var findings = new ArrayList<Finding>();
            for (StackPlan plan : plans) {
                for (PlannedResource group : ofType(plan, "aws:eks/nodeGroup:NodeGroup")) {
                    var template = ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate").stream()
                            .filter(t -> group.dependsOn().contains(t.urn()))
                            .findFirst();
                    if (template.isEmpty() || !passes.test(plan, template.get())) {
                        findings.add(new Finding(control, plan.stack() + " " + group.name()));
                    }
                }
            }
            return findings;
        };
    }

    /** The AL2023 root device is mapped, and encrypted whatever the account's EBS default. */
    private static boolean rootVolumeEncrypted(StackPlan plan, PlannedResource template) {
        if (!(at(template, "blockDeviceMappings") instanceof List<?> mappings)) {
            return false;
        }
        for (int i = 0; i < mappings.size(); i++) {
            if ("/dev/xvda".equals(at(template, "blockDeviceMappings." + i + ".deviceName"))) {
                return "true".equals(at(template, "blockDeviceMappings." + i + ".ebs.encrypted"));
            }
        }
        return false;
    }

    /** The vpc-cni add-on has a Pod Identity association for aws-node, and no role carries the CNI policy but it. */
    private static List<Finding> awsNodeHasItsOwnIdentity(String control, List<StackPlan> plans) {
        var findings = new ArrayList<Finding>();
        for (StackPlan plan : plans) {
            for (PlannedResource addon : ofType(plan, "aws:eks/addon:Addon")) {
                if ("vpc-cni".equals(at(addon, "addonName"))
                        && !"aws-node".equals(at(addon, "podIdentityAssociations.0.serviceAccount"))) {
                    findings.add(new Finding(control, plan.stack() + " " + addon.name()));
                }
            }
            var cniRoles = ofType(plan, "aws:eks/addon:Addon").stream()
                    .map(addon -> at(addon, "podIdentityAssociations.0.roleArn"))
                    .filter(Objects::nonNull)
                    .map(arn -> ((String) arn).substring(((String) arn).lastIndexOf('/') + 1))
                    .toList();
            ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                    .filter(a -> String.valueOf(at(a, "policyArn")).endsWith("/AmazonEKS_CNI_Policy"))
                    .filter(a -> !cniRoles.contains(at(a, "role")))
                    .forEach(a -> findings.add(new Finding(control, plan.stack() + " " + a.name())));
        }
        return findings;
    }

    /** The controls of the table, by id, for the report. */
    static Map<String, Control> byId() {
        var byId = new java.util.LinkedHashMap<String, Control>();
        ALL.forEach(control -> byId.put(control.id(), control));
        return byId;
    }
}
