package io.vpclattice.multicluster.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.offlineplan.PlanMocks;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.PolicyJson.statements;
import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.dependsOn;
import static io.vpclattice.multicluster.testing.StackHarness.named;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;
import static io.vpclattice.multicluster.testing.StackHarness.only;
import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 22 on the AWS side: what every VPC carries, and the two trade-offs as switches. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSecurityTest {
    private StackPlan plan;

    @BeforeAll
    void planCluster1() {
        plan = succeeded(StackHarness.cluster("cluster1", Map.of()));
    }

    @Test
    void theDefaultSecurityGroupIsOwnedWithoutRules() {
        var group = only(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assertEquals(List.of(), at(group, "ingress"));
        assertEquals(List.of(), at(group, "egress"));
        assertEquals(plan.outputs().get("vpcId"), at(group, "vpcId"));
    }

    @Test
    void rejectedTrafficIsLoggedWithTheConfiguredRetentionByARoleLimitedToItsLogGroup() {
        var log = only(plan, "aws:ec2/flowLog:FlowLog");
        assertEquals("REJECT", at(log, "trafficType"));
        assertEquals("cloud-watch-logs", at(log, "logDestinationType"));
        var group = named(plan, "aws:cloudwatch/logGroup:LogGroup", "vpc-flow-logs");
        assertEquals("/aws/vpc-flow-logs/eks-cluster1", at(group, "name"));
        assertEquals(30L, at(group, "retentionInDays"));
        var permissions = named(plan, "aws:iam/rolePolicy:RolePolicy", "vpc-flow-logs-permissions");
        assertTrue(dependsOn(log, permissions), "the first delivery is allowed");
        JsonNode deliver = statements(at(permissions, "policy")).get(0);
        assertEquals(
                List.of(
                        "arn:aws:logs:eu-west-1:" + PlanMocks.ACCOUNT + ":log-group:/aws/vpc-flow-logs/eks-cluster1",
                        "arn:aws:logs:eu-west-1:" + PlanMocks.ACCOUNT + ":log-group:/aws/vpc-flow-logs/eks-cluster1:*"),
                texts(deliver.get("Resource")));
        JsonNode trust = statements(at(named(plan, "aws:iam/role:Role", "vpc-flow-logs"), "assumeRolePolicy"))
                .get(0);
        assertEquals(
                "vpc-flow-logs.amazonaws.com", trust.at("/Principal/Service").asText());
        assertEquals(
                PlanMocks.ACCOUNT,
                trust.at("/Condition/StringEquals/aws:SourceAccount").asText());
        var longer = succeeded(StackHarness.cluster("cluster1", Map.of("flowLogRetentionDays", "365")));
        assertEquals(365L, at(named(longer, "aws:cloudwatch/logGroup:LogGroup", "vpc-flow-logs"), "retentionInDays"));
    }

    @Test
    void theEnvironmentsPlaceholderVpcCarriesTheSameBaseline() {
        var environment = succeeded(StackHarness.environment(Map.of("flowLogRetentionDays", "90")));
        var placeholder = only(environment, "aws:ec2/vpc:Vpc");
        var group = only(environment, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assertTrue(dependsOn(group, placeholder));
        assertEquals(List.of(), at(group, "ingress"));
        var log = only(environment, "aws:ec2/flowLog:FlowLog");
        assertTrue(dependsOn(log, placeholder));
        assertEquals(
                90L,
                at(
                        named(environment, "aws:cloudwatch/logGroup:LogGroup", "private-zone-placeholder-flow-logs"),
                        "retentionInDays"));
        assertEquals(
                "vpc-lattice-ccpc-zone-flow-logs",
                at(named(environment, "aws:iam/role:Role", "private-zone-placeholder-flow-logs"), "name"));
    }

    @Test
    void byDefaultThePublicEndpointStaysAndNoInterfaceEndpointIsBilled() {
        var cluster = only(plan, "aws:eks/cluster:Cluster");
        assertEquals(true, at(cluster, "vpcConfig.endpointPublicAccess"));
        assertEquals(true, at(cluster, "vpcConfig.endpointPrivateAccess"));
        assertEquals(List.of(), ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint"));
    }

    @Test
    void aPrivateEndpointSendsNoPublicCidrsAndAdmitsTheVpcOn443() {
        var privateOnly = succeeded(StackHarness.cluster("cluster1", Map.of("endpointPublicAccess", "false")));
        var cluster = only(privateOnly, "aws:eks/cluster:Cluster");
        assertEquals(false, at(cluster, "vpcConfig.endpointPublicAccess"));
        assertEquals(true, at(cluster, "vpcConfig.endpointPrivateAccess"));
        assertNull(at(cluster, "vpcConfig.publicAccessCidrs"));
        var rule = named(privateOnly, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "eks-api-from-vpc");
        assertEquals("sg-eks-cluster", at(rule, "securityGroupId"));
        assertEquals("10.0.0.0/16", at(rule, "cidrIpv4"));
        assertEquals(443L, at(rule, "fromPort"));
    }

    @Test
    void interfaceEndpointsForNodesInEveryZoneAndTheComplianceOnlyOnesInOne() {
        var withEndpoints = succeeded(StackHarness.cluster("cluster1", Map.of("interfaceEndpoints", "true")));
        Map<String, PlannedResource> endpoints = ofType(withEndpoints, "aws:ec2/vpcEndpoint:VpcEndpoint").stream()
                .collect(Collectors.toMap(
                        e -> ((String) at(e, "serviceName")).substring("com.amazonaws.eu-west-1.".length()), e -> e));
        assertEquals(
                java.util.Set.of(
                        "ec2", "ecr.api", "ecr.dkr", "sts", "logs", "s3", "ssm", "ssm-contacts", "ssm-incidents"),
                endpoints.keySet());
        var group = named(withEndpoints, "aws:ec2/securityGroup:SecurityGroup", "vpc-endpoints");
        for (var entry : endpoints.entrySet()) {
            var endpoint = entry.getValue();
            if (entry.getKey().equals("s3")) {
                assertEquals("Gateway", at(endpoint, "vpcEndpointType"));
                assertEquals(List.of("vpc-private-0-id"), at(endpoint, "routeTableIds"));
                continue;
            }
            assertEquals("Interface", at(endpoint, "vpcEndpointType"), entry.getKey());
            assertEquals(true, at(endpoint, "privateDnsEnabled"), entry.getKey());
            assertTrue(dependsOn(endpoint, group), "not the default security group, which admits nothing");
            int zones = ((List<?>) at(endpoint, "subnetIds")).size();
            assertEquals(entry.getKey().startsWith("ssm") ? 1 : 3, zones, entry.getKey());
        }
        var https = named(
                withEndpoints, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "vpc-endpoints-https");
        assertEquals("10.0.0.0/16", at(https, "cidrIpv4"));
        assertEquals(443L, at(https, "fromPort"));
    }

    @Test
    void aPrivateEndpointWithPublicCidrsIsRefusedBeforeAnyResource() {
        var refused = StackHarness.cluster(
                "cluster1",
                Map.of("endpointPublicAccess", "false", "endpointPublicAccessCidrs", "[\"203.0.113.0/24\"]"));
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:endpointPublicAccessCidrs=\"[\"203.0.113.0/24\"]\":"
                        + " only for a public endpoint, and vpc-lattice-multicluster:endpointPublicAccess is false"
                        + " (private only): remove it, or set endpointPublicAccess to true",
                refused.error().orElseThrow());
        assertEquals(List.of(), refused.resources());
    }

    @Test
    void theFirstRunOfThisVersionReplacesTheNodeGroupOnceNewNodesFirst() {
        var nodes = only(plan, "aws:eks/nodeGroup:NodeGroup");
        assertEquals("eks-initial", nodes.name(), "the same Pulumi resource, so Pulumi replaces rather than adds");
        assertFalse("initial".equals(at(nodes, "nodeGroupName")), "a new EKS name lets the new group come first");
        assertTrue(((String) at(nodes, "nodeGroupName")).startsWith("initial-"));
    }

    private static List<String> texts(JsonNode node) {
        var texts = new java.util.ArrayList<String>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else {
            texts.add(node.asText());
        }
        return texts;
    }
}
