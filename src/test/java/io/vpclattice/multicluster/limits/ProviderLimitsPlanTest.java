package io.vpclattice.multicluster.limits;

import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.eks.AddonVersions;
import io.vpclattice.multicluster.naming.ImageReference;
import io.vpclattice.multicluster.naming.NameRules;
import io.vpclattice.multicluster.naming.Names;
import io.vpclattice.multicluster.naming.Octets;
import io.vpclattice.multicluster.offlineplan.OfflinePlanner;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static io.vpclattice.multicluster.testing.StackHarness.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The longest and most unusual values each key allows (the longest names, non-ASCII text, as many list entries as fit)
 * plan without error, and every planned resource stays within what the provider's validators and the AWS limits
 * allow, checked here as the provider and AWS count.
 */
class ProviderLimitsPlanTest {
    static final String ENVIRONMENT_NAME = "e-" + "n".repeat(NameRules.MAX_ENVIRONMENT_NAME - 2);
    static final String CLUSTER = "c-" + "l".repeat(NameRules.MAX_CLUSTER_NAME - 2);
    static final String DOMAIN = "d".repeat(NameRules.MAX_DOMAIN_OCTETS - 3) + ".io";
    static final String ORGANIZATION = "Ö".repeat(NameRules.MAX_ORGANIZATION_OCTETS / 2);
    static final String NETWORK = "s" + "-n".repeat(31);
    static final String LONGEST_IMAGE = "a".repeat(ImageReference.MAX_NAME) + ":" + "t".repeat(ImageReference.MAX_TAG)
            + "@sha256:" + "0".repeat(64);

    /** Resource types whose inputs hold nothing from config that a validator or an AWS limit constrains. */
    static final Set<String> NOTHING_TO_CHECK = Set.of(
            "aws:acmpca/certificate:Certificate",
            "aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate",
            "aws:acmpca/permission:Permission",
            // Its only value from config is its tags, checked for every resource below.
            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
            "aws:ec2/eip:Eip",
            // Its log group and role are checked as theirs; the rest is fixed (REJECT traffic).
            "aws:ec2/flowLog:FlowLog",
            "aws:ec2/internetGateway:InternetGateway",
            "aws:ec2/natGateway:NatGateway",
            "aws:ec2/route:Route",
            "aws:ec2/routeTable:RouteTable",
            "aws:ec2/routeTableAssociation:RouteTableAssociation",
            "aws:ec2/subnet:Subnet",
            "aws:ec2/vpc:Vpc",
            "aws:eks/accessEntry:AccessEntry",
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
            "aws:eks/nodeGroup:NodeGroup",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "aws:kms/key:Key",
            "aws:route53/zone:Zone",
            "aws:route53/zoneAssociation:ZoneAssociation",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:vpclattice/accessLogSubscription:AccessLogSubscription",
            "aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation");

    @TempDir
    static Path directory;

    static StackPlan environment;
    static StackPlan cluster;
    static int namespaces;
    static int callers;

    @BeforeAll
    static void planTheLongestValues() throws Exception {
        Path project = StackHarness.copyProject(directory, Map.of(CLUSTER, "config: {}\n"));
        List<String> names =
                IntStream.range(0, 40).mapToObj(i -> String.format("n%062d", i)).toList();
        namespaces = ClientRoleTrust.fitting(names, null);
        var environmentConfig = new TreeMap<String, String>();
        environmentConfig.put("environmentName", ENVIRONMENT_NAME);
        environmentConfig.put("domain", DOMAIN);
        environmentConfig.put("organization", ORGANIZATION);
        environmentConfig.put("serviceNetworkName", NETWORK);
        environmentConfig.put("clientNamespaces", Mappers.JSON.writeValueAsString(names.subList(0, namespaces)));
        environmentConfig.put("caDeletionWindowDays", "30");
        environmentConfig.put("accessLogRetentionDays", "3653");
        environment = StackHarness.succeeded(StackHarness.plan(project, "environment", environmentConfig, Map.of()));

        callers = GeneratedValuesTest.MOST_CALLERS;
        var clusterConfig = new TreeMap<String, String>();
        clusterConfig.put("environmentName", ENVIRONMENT_NAME);
        clusterConfig.put(
                "allowedCallers",
                Mappers.JSON.writeValueAsString(names.subList(0, callers).stream()
                        .map(namespace -> CLUSTER + "/" + namespace)
                        .toList()));
        clusterConfig.put("demoImage", LONGEST_IMAGE);
        clusterConfig.put("sigv4ProxyImage", "h".repeat(63) + ".example.org:65535/" + "p/".repeat(50) + "x:v_1.2-rc");
        clusterConfig.put("iptablesImage", "registry.k8s.io/iptables@sha256:" + "f".repeat(64));
        clusterConfig.put(
                "addonVersions",
                Mappers.JSON.writeValueAsString(
                        List.of("vpc-cni=v1.15.5-eksbuild.1", "coredns=v10.200.3000-eksbuild.40000")));
        clusterConfig.put(
                "controlPlaneLogTypes",
                Mappers.JSON.writeValueAsString(
                        List.of("api", "audit", "authenticator", "controllerManager", "scheduler")));
        clusterConfig.put("nodeMinSize", "0");
        clusterConfig.put("nodeDesiredSize", "1");
        clusterConfig.put("nodeMaxSize", "450");
        cluster = StackHarness.succeeded(StackHarness.plan(
                project,
                CLUSTER,
                clusterConfig,
                Map.of(
                        Names.stackReference(OfflinePlanner.ORGANIZATION, StackHarness.PROJECT_NAME, "environment"),
                        environment.outputs())));
    }

    @Test
    void theLongestValuesAreTheOnesTheLimitsLeave() {
        assertEquals(27, namespaces);
        assertEquals(24, callers);
        assertEquals(64, Octets.of(ORGANIZATION));
        assertEquals(64, DOMAIN.length());
        assertEquals(456, LONGEST_IMAGE.length());
    }

    @Test
    void everyPlannedResourceIsWithinWhatTheProviderAndAwsAllow() {
        var problems = new ArrayList<String>();
        var unchecked = new TreeSet<String>();
        for (StackPlan plan : List.of(environment, cluster)) {
            var inlinePolicies = new TreeMap<String, List<String>>();
            for (PlannedResource resource : plan.resources()) {
                if (!resource.custom() || resource.type().startsWith("pulumi:providers:")) {
                    continue;
                }
                if (!check(resource, problems, inlinePolicies) && !NOTHING_TO_CHECK.contains(resource.type())) {
                    unchecked.add(resource.type());
                }
                tags(resource, problems);
            }
            inlinePolicies.forEach(
                    (role, policies) -> IamLimits.inlinePolicies(role, policies).ifPresent(problems::add));
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of(), unchecked, "resource types this test does not know: add their limits");
    }

    /** @return whether the resource's type is one this test checks */
    private static boolean check(
            PlannedResource resource, List<String> problems, Map<String, List<String>> inlinePolicies) {
        String where = resource.type() + " " + resource.name() + ": ";
        switch (resource.type()) {
            case "aws:iam/role:Role" -> {
                String name = text(resource, "name");
                add(problems, where, IamLimits.roleName(name));
                add(problems, where, IamLimits.roleDescription(text(resource, "description")));
                add(problems, where, IamLimits.trustPolicy(name, text(resource, "assumeRolePolicy")));
            }
            case "aws:iam/rolePolicy:RolePolicy" ->
                inlinePolicies
                        .computeIfAbsent(text(resource, "role"), role -> new ArrayList<>())
                        .add(text(resource, "policy"));
            case "aws:acmpca/certificateAuthority:CertificateAuthority" -> {
                for (String field : List.of("commonName", "organization")) {
                    String value = text(resource, "certificateAuthorityConfiguration.subject." + field);
                    if (Octets.of(value) > 64) {
                        problems.add(where + field + " is " + Octets.of(value) + " bytes");
                    }
                }
            }
            case "aws:acm/certificate:Certificate" -> {
                if (Octets.of(text(resource, "domainName")) > 64) {
                    problems.add(where + "domainName over 64 octets");
                }
                if (Octets.of(text(resource, "subjectAlternativeNames.0")) > 253) {
                    problems.add(where + "a SAN over 253 octets");
                }
            }
            case "aws:vpclattice/serviceNetwork:ServiceNetwork" ->
                add(problems, where, NameRules.serviceNetworkName(text(resource, "name")));
            case "aws:vpclattice/authPolicy:AuthPolicy" ->
                add(problems, where, LatticeLimits.authPolicy("policy", text(resource, "policy")));
            case "kubernetes:application-networking.k8s.aws/v1alpha1:IAMAuthPolicy" ->
                add(problems, where, LatticeLimits.authPolicy("policy", text(resource, "spec.policy")));
            case "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute" ->
                add(
                        problems,
                        where,
                        LatticeLimits.serviceName(LatticeLimits.controllerServiceName(
                                text(resource, "metadata.name"), text(resource, "metadata.namespace"))));
            case "aws:cloudwatch/logGroup:LogGroup" ->
                add(problems, where, ResourceNames.logGroupName(text(resource, "name")));
            case "aws:eks/cluster:Cluster" ->
                add(problems, where, ResourceNames.eksClusterName(text(resource, "name")));
            case "aws:eks/addon:Addon" -> {
                String version = text(resource, "addonVersion");
                if (!version.startsWith("default-for-")) {
                    add(problems, where, AddonVersions.problem(text(resource, "addonName") + "=" + version));
                }
            }
            case "aws:kms/alias:Alias" -> add(problems, where, ResourceNames.kmsAlias(text(resource, "name")));
            case "aws:ec2/securityGroup:SecurityGroup" -> {
                add(problems, where, ResourceNames.securityGroupName(text(resource, "name")));
                add(problems, where, ResourceNames.ec2Description(text(resource, "description")));
            }
            case "aws:ec2/launchTemplate:LaunchTemplate" ->
                add(problems, where, ResourceNames.ec2Description(text(resource, "description")));
            case "aws:route53/profilesProfile:ProfilesProfile",
                    "aws:route53/profilesAssociation:ProfilesAssociation",
                    "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation" ->
                add(problems, where, ResourceNames.route53ProfileName(text(resource, "name")));
            case "kubernetes:apps/v1:Deployment" -> {
                for (String containers : List.of("containers", "initContainers")) {
                    Object list = at(resource, "spec.template.spec." + containers);
                    if (list instanceof List<?> items) {
                        for (Object container : items) {
                            if (container instanceof Map<?, ?> map) {
                                add(problems, where, ImageReference.problem(String.valueOf(map.get("image"))));
                            }
                        }
                    }
                }
            }
            default -> {
                return resource.type().startsWith("kubernetes:");
            }
        }
        return true;
    }

    private static void tags(PlannedResource resource, List<String> problems) {
        if (resource.type().startsWith("aws:") && at(resource, "tags") instanceof Map<?, ?> tags) {
            tags.forEach((key, value) -> add(
                    problems,
                    resource.type() + " " + resource.name() + ": ",
                    ResourceNames.tag(String.valueOf(key), String.valueOf(value))));
        }
    }

    private static String text(PlannedResource resource, String path) {
        Object value = at(resource, path);
        assertTrue(value instanceof String, resource.type() + " " + resource.name() + " has no text at " + path);
        return (String) value;
    }

    private static void add(List<String> problems, String where, Optional<String> problem) {
        problem.ifPresent(p -> problems.add(where + p));
    }
}
