package io.vpclattice.multicluster.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.test.Mocks;
import io.vpclattice.multicluster.offlineplan.PlanMocks;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.PolicyJson.statements;
import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.dependsOn;
import static io.vpclattice.multicluster.testing.StackHarness.named;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;
import static io.vpclattice.multicluster.testing.StackHarness.only;
import static io.vpclattice.multicluster.testing.StackHarness.reaches;
import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster1 stack as its settings file configures it, against the environment's plan. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterStackTest {
    private StackPlan plan;
    private StackPlan environment;

    @BeforeAll
    void planCluster1() {
        environment = succeeded(StackHarness.environment(Map.of()));
        plan = succeeded(StackHarness.cluster("cluster1", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tags(PlannedResource resource) {
        return (Map<String, String>) resource.inputs().get("tags");
    }

    private PlannedResource named(String type, String name) {
        return StackHarness.named(plan, type, name);
    }

    @Test
    void asksAwsEachFactOnce() {
        assertEquals(
                List.of(
                        "aws:ec2/getManagedPrefixList:getManagedPrefixList",
                        "aws:eks/getAddonVersion:getAddonVersion",
                        "aws:eks/getAddonVersion:getAddonVersion",
                        "aws:eks/getAddonVersion:getAddonVersion",
                        "aws:eks/getAddonVersion:getAddonVersion",
                        "aws:eks/getClusters:getClusters",
                        "aws:iam/getSessionContext:getSessionContext",
                        "aws:index/getAvailabilityZones:getAvailabilityZones",
                        "aws:index/getCallerIdentity:getCallerIdentity"),
                plan.invokes());
        assertEquals(List.of("aws:index/getCallerIdentity:getCallerIdentity"), environment.invokes());
    }

    @Test
    void readsTheEnvironmentThroughOneStackReference() {
        assertEquals(List.of("organization/vpc-lattice-multicluster/environment"), plan.stackReferences());
    }

    @Test
    void vpcHasTheOriginalLayoutWithDnsForThePrivateZone() {
        var vpc = only(plan, "aws:ec2/vpc:Vpc");
        assertEquals("10.0.0.0/16", at(vpc, "cidrBlock"));
        assertEquals(true, at(vpc, "enableDnsHostnames"));
        assertEquals(true, at(vpc, "enableDnsSupport"));
        assertEquals("eks-cluster1", at(vpc, "tags.Name"));
        Map<String, String> subnets = ofType(plan, "aws:ec2/subnet:Subnet").stream()
                .collect(Collectors.toMap(PlannedResource::name, r -> (String) at(r, "cidrBlock")));
        assertEquals(
                Map.of(
                        "vpc-private-0",
                        "10.0.0.0/20",
                        "vpc-private-1",
                        "10.0.16.0/20",
                        "vpc-private-2",
                        "10.0.32.0/20",
                        "vpc-public-0",
                        "10.0.48.0/24",
                        "vpc-public-1",
                        "10.0.49.0/24",
                        "vpc-public-2",
                        "10.0.50.0/24"),
                subnets);
        assertEquals("eu-west-1a", at(named("aws:ec2/subnet:Subnet", "vpc-private-0"), "availabilityZone"));
        assertEquals("eu-west-1c", at(named("aws:ec2/subnet:Subnet", "vpc-public-2"), "availabilityZone"));
        assertEquals("1", tags(named("aws:ec2/subnet:Subnet", "vpc-public-1")).get("kubernetes.io/role/elb"));
        assertEquals("1", tags(named("aws:ec2/subnet:Subnet", "vpc-private-1")).get("kubernetes.io/role/internal-elb"));
    }

    @Test
    void privateSubnetsLeaveThroughOneNatGatewayByDefault() {
        var nat = only(plan, "aws:ec2/natGateway:NatGateway");
        assertTrue(dependsOn(nat, named("aws:ec2/subnet:Subnet", "vpc-public-0")));
        assertTrue(dependsOn(nat, only(plan, "aws:ec2/internetGateway:InternetGateway")));
        var privateDefault = named("aws:ec2/route:Route", "vpc-private-0-default");
        assertEquals("0.0.0.0/0", at(privateDefault, "destinationCidrBlock"));
        assertTrue(dependsOn(privateDefault, nat));
        for (int zone = 0; zone < 3; zone++) {
            var association = named("aws:ec2/routeTableAssociation:RouteTableAssociation", "vpc-private-" + zone);
            assertTrue(dependsOn(association, named("aws:ec2/routeTable:RouteTable", "vpc-private-0")));
        }
        var publicDefault = named("aws:ec2/route:Route", "vpc-public-default");
        assertTrue(dependsOn(publicDefault, only(plan, "aws:ec2/internetGateway:InternetGateway")));
    }

    @Test
    void perZoneNatGivesEachZoneItsOwnEgress() {
        var perZone = succeeded(StackHarness.cluster("cluster1", Map.of("natGateways", "perZone")));
        assertEquals(3, ofType(perZone, "aws:ec2/natGateway:NatGateway").size());
        assertEquals(3, ofType(perZone, "aws:ec2/eip:Eip").size());
        for (int zone = 0; zone < 3; zone++) {
            var association = StackHarness.named(
                    perZone, "aws:ec2/routeTableAssociation:RouteTableAssociation", "vpc-private-" + zone);
            assertTrue(dependsOn(
                    association, StackHarness.named(perZone, "aws:ec2/routeTable:RouteTable", "vpc-private-" + zone)));
        }
    }

    @Test
    void eksClusterUsesApiAuthenticationEncryptedSecretsAndPrivateSubnets() {
        var cluster = only(plan, "aws:eks/cluster:Cluster");
        assertEquals("eks-cluster1", at(cluster, "name"));
        assertEquals("1.35", at(cluster, "version"));
        assertEquals("API", at(cluster, "accessConfig.authenticationMode"));
        assertEquals(false, at(cluster, "accessConfig.bootstrapClusterCreatorAdminPermissions"));
        assertEquals(false, at(cluster, "bootstrapSelfManagedAddons"));
        assertEquals(List.of("api", "audit", "authenticator"), at(cluster, "enabledClusterLogTypes"));
        assertEquals(List.of("secrets"), at(cluster, "encryptionConfig.resources"));
        assertEquals(
                "arn:aws:kms:eu-west-1:" + PlanMocks.ACCOUNT + ":key/eks-secrets",
                at(cluster, "encryptionConfig.provider.keyArn"));
        assertEquals(
                List.of("subnet-vpc-private-0", "subnet-vpc-private-1", "subnet-vpc-private-2"),
                at(cluster, "vpcConfig.subnetIds"));
        assertEquals(List.of("0.0.0.0/0"), at(cluster, "vpcConfig.publicAccessCidrs"));
        var controlPlaneLogs = named("aws:cloudwatch/logGroup:LogGroup", "eks-control-plane");
        assertTrue(dependsOn(cluster, controlPlaneLogs), "EKS would create the log group itself");
        var keyAccess = named("aws:iam/rolePolicy:RolePolicy", "eks-cluster-permissions");
        assertTrue(
                reaches(plan, cluster, keyAccess), "the control plane may use the key before the cluster is created");
        assertEquals(
                at(cluster, "encryptionConfig.provider.keyArn"),
                statements(at(keyAccess, "policy")).get(0).get("Resource").asText());
        assertEquals("/aws/eks/eks-cluster1/cluster", at(controlPlaneLogs, "name"));
    }

    @Test
    void theDeployingRoleGetsClusterAdminThroughAnAccessEntry() {
        var entry = only(plan, "aws:eks/accessEntry:AccessEntry");
        assertEquals(
                PlanMocks.DEPLOYER_ROLE, at(entry, "principalArn"), "the role behind the STS session, not the session");
        var association = only(plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
        assertEquals(
                "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", at(association, "policyArn"));
        assertEquals("cluster", at(association, "accessScope.type"));
        var provider = only(plan, "pulumi:providers:kubernetes");
        assertTrue(dependsOn(provider, association), "no Kubernetes call before the admin policy is in place");
        assertEquals("[secret]", at(provider, "kubeconfig"));
        assertEquals(
                null,
                at(provider, "enableServerSideApply"),
                "server-side apply is pulumi-kubernetes 4.0.0's default (provider.go, Configure)");
    }

    @Test
    void nodeGroupRunsOnPrivateSubnetsFromAnImdsV2OnlyLaunchTemplate() {
        var nodes = only(plan, "aws:eks/nodeGroup:NodeGroup");
        assertEquals(List.of("m5.large", "m5a.large", "m6i.large"), at(nodes, "instanceTypes"));
        assertEquals("1.35", at(nodes, "version"), "the control plane's version, so that nodes follow it");
        assertEquals(
                io.vpclattice.multicluster.eks.NodeGroups.name(List.of("m5.large", "m5a.large", "m6i.large")),
                at(nodes, "nodeGroupName"));
        assertEquals(Map.of("minSize", 3L, "desiredSize", 3L, "maxSize", 10L), at(nodes, "scalingConfig"));
        assertEquals("AL2023_x86_64_STANDARD", at(nodes, "amiType"));
        assertEquals(List.of("scalingConfig.desiredSize"), nodes.ignoreChanges());
        var template = only(plan, "aws:ec2/launchTemplate:LaunchTemplate");
        assertEquals("required", at(template, "metadataOptions.httpTokens"));
        assertEquals(
                1L,
                at(template, "metadataOptions.httpPutResponseHopLimit"),
                "a pod without Pod Identity must not reach the node role");
        assertNull(
                at(template, "vpcSecurityGroupIds"),
                "naming security groups would drop the cluster security group from nodes");
        assertEquals("true", at(template, "blockDeviceMappings.0.ebs.encrypted"), "whatever the account's default");
        assertEquals("/dev/xvda", at(template, "blockDeviceMappings.0.deviceName"));
        assertTrue(dependsOn(nodes, template), "nodes are launched from this template");
        assertTrue(
                dependsOn(nodes, named("aws:ec2/route:Route", "vpc-private-0-default")), "nodes need egress to join");
        var nodeRole = named("multicluster:iam:Role", "eks-node");
        Set<String> policies = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> a.parent().equals(nodeRole.urn()))
                .map(a -> (String) at(a, "policyArn"))
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"),
                policies,
                "what nodes need: the VPC CNI's permissions are aws-node's own");
        ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> a.parent().equals(nodeRole.urn()))
                .forEach(a -> assertTrue(reaches(plan, nodes, a), "nodes wait for " + a.name()));
    }

    @Test
    void fourCoreAddonsAtTheRecommendedVersionWithCorednsAfterNodes() {
        var addons = ofType(plan, "aws:eks/addon:Addon").stream()
                .collect(Collectors.toMap(a -> (String) at(a, "addonName"), a -> a));
        assertEquals(Set.of("vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent"), addons.keySet());
        addons.values().forEach(a -> assertEquals("default-for-1.35", at(a, "addonVersion"), a.name()));
        var nodes = only(plan, "aws:eks/nodeGroup:NodeGroup");
        assertTrue(dependsOn(addons.get("coredns"), nodes), "coredns needs nodes to become active");
        for (String daemonSet : List.of("vpc-cni", "kube-proxy", "eks-pod-identity-agent")) {
            assertTrue(dependsOn(nodes, addons.get(daemonSet)), "nodes come up with " + daemonSet);
        }
    }

    @Test
    void theVpcCniRunsWithItsOwnRoleAndEnforcesNetworkPolicies() {
        var vpcCni = named("aws:eks/addon:Addon", "eks-vpc-cni");
        assertEquals("{\"enableNetworkPolicy\":\"true\"}", at(vpcCni, "configurationValues"));
        assertEquals("aws-node", at(vpcCni, "podIdentityAssociations.0.serviceAccount"));
        var role = named("aws:iam/role:Role", "eks-vpc-cni");
        assertEquals(at(role, "name"), ((String) at(vpcCni, "podIdentityAssociations.0.roleArn")).split("/", -1)[1]);
        JsonNode equals =
                statements(at(role, "assumeRolePolicy")).get(0).get("Condition").get("StringEquals");
        assertEquals(
                "kube-system", equals.get("aws:RequestTag/kubernetes-namespace").asText());
        assertEquals(
                "aws-node",
                equals.get("aws:RequestTag/kubernetes-service-account").asText());
        assertEquals(
                "eks-cluster1", equals.get("aws:RequestTag/eks-cluster-name").asText());
        assertEquals(
                "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
                at(named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "eks-vpc-cni-cni"), "policyArn"));
        assertTrue(
                dependsOn(vpcCni, named("aws:eks/addon:Addon", "eks-eks-pod-identity-agent")),
                "aws-node gets its credentials through the Pod Identity agent");
    }

    @Test
    void latticePrefixListMayReachPodsThroughTheClusterSecurityGroup() {
        var rule = named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "environment-lattice-ingress");
        assertEquals("pl-lattice-standin", at(rule, "prefixListId"));
        assertEquals("-1", at(rule, "ipProtocol"));
        assertEquals("sg-eks-cluster", at(rule, "securityGroupId"));
        // Stacks deployed when the EKS component held the rule keep it: the engine sees the same resource.
        assertEquals(
                List.of("name eks-lattice-ingress under "
                        + only(plan, "aws:eks/cluster:Cluster").urn()),
                rule.aliases());
        assertTrue(
                dependsOn(named("kubernetes:gateway.networking.k8s.io/v1:Gateway", "lattice-gateway"), rule),
                "the Gateway's services are reachable once it exists");
    }

    @Test
    void vpcJoinsThePrivateZoneAndTheServiceNetworkOfTheEnvironment() {
        var zone = only(plan, "aws:route53/zoneAssociation:ZoneAssociation");
        assertEquals(environment.outputs().get("privateZoneId"), at(zone, "zoneId"));
        assertEquals(plan.outputs().get("vpcId"), at(zone, "vpcId"));
        var association = only(plan, "aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation");
        assertEquals(environment.outputs().get("serviceNetworkId"), at(association, "serviceNetworkIdentifier"));
        assertEquals(plan.outputs().get("vpcId"), at(association, "vpcIdentifier"));
        var group = only(plan, "aws:ec2/securityGroup:SecurityGroup");
        assertTrue(dependsOn(association, group), "the association's security group is this one");
        Set<Long> ports = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> dependsOn(r, group))
                .peek(r -> assertEquals("10.0.0.0/16", at(r, "cidrIpv4")))
                .map(r -> (Long) at(r, "fromPort"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(80L, 443L), ports);
    }

    @Test
    void outputsGiveTheKubectlCommandAndASecretKubeconfig() {
        assertEquals(
                "aws eks update-kubeconfig --name eks-cluster1 --alias eks-cluster1 --region eu-west-1",
                plan.outputs().get("configureKubectl"));
        assertEquals("[secret]", plan.outputs().get("kubeconfig"));
        assertEquals("eks-cluster1", plan.outputs().get("clusterName"));
        assertNotNull(plan.outputs().get("endpoint"));
        assertEquals("demo-cluster1.vpc-lattice-octank.io", plan.outputs().get("demoHostname"));
        assertEquals(List.of("cluster2/apps"), plan.outputs().get("allowedCallers"));
    }

    @Test
    void everyResourceBelongsToAComponentAndEveryKubernetesObjectToTheClustersProvider() {
        var provider = only(plan, "pulumi:providers:kubernetes");
        for (var resource : plan.resources()) {
            if (resource.custom()) {
                assertNotNull(resource.parent(), resource.urn() + " has no parent");
            }
            if (resource.type().startsWith("kubernetes:")) {
                assertEquals(provider.urn(), resource.provider(), resource.urn());
            }
        }
    }

    @Test
    void rolesAreNamedPerClusterAndFitIam() {
        Set<String> names = ofType(plan, "aws:iam/role:Role").stream()
                .map(r -> (String) at(r, "name"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                Set.of(
                        "vpc-lattice-ccpc-cluster1-eks-cluster",
                        "vpc-lattice-ccpc-cluster1-eks-node",
                        "vpc-lattice-ccpc-cluster1-gateway-controller",
                        "vpc-lattice-ccpc-cluster1-external-dns",
                        "vpc-lattice-ccpc-cluster1-vpc-cni",
                        "vpc-lattice-ccpc-cluster1-vpc-flow-logs"),
                names);
    }

    @Test
    void controllerRoleTrustIsPinnedToItsClusterNamespaceAndServiceAccount() {
        var role = named("aws:iam/role:Role", "gateway-api-controller-role");
        JsonNode equals =
                statements(at(role, "assumeRolePolicy")).get(0).get("Condition").get("StringEquals");
        assertEquals(
                "eks-cluster1", equals.get("aws:RequestTag/eks-cluster-name").asText());
        assertEquals(
                "aws-application-networking-system",
                equals.get("aws:RequestTag/kubernetes-namespace").asText());
        assertEquals(
                "gateway-api-controller",
                equals.get("aws:RequestTag/kubernetes-service-account").asText());
        var association = named(
                "aws:eks/podIdentityAssociation:PodIdentityAssociation", "gateway-api-controller-role-association");
        assertEquals("aws-application-networking-system", at(association, "namespace"));
        assertEquals("gateway-api-controller", at(association, "serviceAccount"));
        assertEquals("eks-cluster1", at(association, "clusterName"));
    }

    @Test
    void externalDnsMayChangeOnlyTheEnvironmentsZone() {
        var policy = named("aws:iam/rolePolicy:RolePolicy", "external-dns-role-permissions");
        var change = statements(at(policy, "policy")).stream()
                .filter(s -> s.get("Action").toString().contains("route53:ChangeResourceRecordSets"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                environment.outputs().get("privateZoneArn"),
                change.get("Resource").asText());
    }

    // --- who reaches the cluster (issue: a person and CI with different roles) ---

    @Test
    void withoutAConfiguredAdminTheFirstDeployerKeepsTheEntry() {
        var entry = only(plan, "aws:eks/accessEntry:AccessEntry");
        assertEquals(PlanMocks.DEPLOYER_ROLE, at(entry, "principalArn"));
        assertEquals(
                List.of("principalArn"), entry.ignoreChanges(), "a later run by someone else must not move the entry");
        assertEquals(
                "aws --region eu-west-1 eks get-token --cluster-name eks-cluster1 --output json",
                plan.outputs().get("kubernetesIdentity"));
    }

    @Test
    void aConfiguredRoleIsTheEntryAndTheIdentityEveryKubeconfigAssumes() {
        String admin = "arn:aws:iam::123456789012:role/eks-admin";
        var configured = succeeded(StackHarness.cluster("cluster1", Map.of("clusterAdminArn", admin)));
        var entry = only(configured, "aws:eks/accessEntry:AccessEntry");
        assertEquals(admin, at(entry, "principalArn"));
        assertEquals(List.of(), entry.ignoreChanges());
        assertEquals(
                "aws --region eu-west-1 eks get-token --cluster-name eks-cluster1 --output json --role-arn " + admin,
                configured.outputs().get("kubernetesIdentity"));
        assertEquals(
                "aws eks update-kubeconfig --name eks-cluster1 --alias eks-cluster1 --region eu-west-1 --role-arn "
                        + admin,
                configured.outputs().get("configureKubectl"));
        assertEquals(admin, configured.outputs().get("clusterAdmin"));
    }

    @Test
    void aConfiguredUserMustBeTheOneRunningPulumi() {
        String user = "arn:aws:iam::123456789012:user/alice";
        var asUser = succeeded(StackHarness.cluster("cluster1", Map.of("clusterAdminArn", user)));
        assertEquals(user, at(only(asUser, "aws:eks/accessEntry:AccessEntry"), "principalArn"));
        assertEquals(
                "aws --region eu-west-1 eks get-token --cluster-name eks-cluster1 --output json",
                asUser.outputs().get("kubernetesIdentity"));
        var asSomeoneElse = StackHarness.cluster(
                "cluster1", Map.of("clusterAdminArn", user), StackHarness.callerIs(PlanMocks.DEPLOYER_ROLE));
        assertTrue(
                asSomeoneElse.error().orElseThrow().contains("pulumi runs as " + PlanMocks.DEPLOYER_ROLE),
                asSomeoneElse.error().toString());
        assertEquals(List.of(), asSomeoneElse.resources(), "nothing is created for a cluster Pulumi could not reach");
    }

    // --- facts first: nothing half-created ---

    @Test
    void moreZonesThanTheRegionHasStopsTheRunBeforeAnyResource() {
        var twoZones = StackHarness.cluster(
                "cluster1", Map.of("availabilityZoneCount", "3"), zones("eu-west-1a", "eu-west-1b"));
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:availabilityZoneCount=\"3\": expected at most 2, the zones of"
                        + " eu-west-1 without opt-in: [eu-west-1a, eu-west-1b]",
                twoZones.error().orElseThrow());
        assertEquals(List.of(), twoZones.resources());
    }

    @Test
    void theOfflinePlanDoesNotRefuseZonesAwsMayHave() {
        var four = succeeded(StackHarness.cluster("cluster1", Map.of("availabilityZoneCount", "4")));
        assertEquals(
                4,
                ofType(four, "aws:ec2/subnet:Subnet").stream()
                        .filter(s -> s.name().startsWith("vpc-private-"))
                        .count());
        assertEquals(
                "eu-west-1d",
                at(StackHarness.named(four, "aws:ec2/subnet:Subnet", "vpc-private-3"), "availabilityZone"));
    }

    // --- stable on day 2 ---

    @Test
    void addOnsCarryTheKubernetesVersionTheirVersionWasChosenForAndNoIgnoreChanges() {
        ofType(plan, "aws:eks/addon:Addon").forEach(addon -> {
            assertEquals(List.of(), addon.ignoreChanges(), addon.name() + ": a new version must reach UpdateAddon");
            assertEquals("1.35", at(addon, "tags.vpc-lattice-multicluster:chosen-for-kubernetes"), addon.name());
        });
        var pinned = succeeded(
                StackHarness.cluster("cluster1", Map.of("addonVersions", "[\"vpc-cni=v1.20.4-eksbuild.2\"]")));
        var vpcCni = StackHarness.named(pinned, "aws:eks/addon:Addon", "eks-vpc-cni");
        assertEquals("v1.20.4-eksbuild.2", at(vpcCni, "addonVersion"));
        assertEquals(
                3,
                pinned.invokes().stream()
                        .filter(i -> i.endsWith("getAddonVersion"))
                        .count(),
                "a pinned add-on asks nothing");
    }

    @Test
    void gravitonNodesGetTheArmImage() {
        var arm = succeeded(
                StackHarness.cluster("cluster1", Map.of("nodeInstanceTypes", "[\"m7g.large\",\"m6g.large\"]")));
        assertEquals("AL2023_ARM_64_STANDARD", at(only(arm, "aws:eks/nodeGroup:NodeGroup"), "amiType"));
    }

    private static UnaryOperator<Mocks> zones(String... names) {
        return standIns -> StackHarness.answering(
                standIns,
                "aws:index/getAvailabilityZones:getAvailabilityZones",
                PlanMocks.availabilityZones("eu-west-1", List.of(names), List.of(names)));
    }
}
