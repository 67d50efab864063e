package io.vpclattice.multicluster.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.offlineplan.PlanMocks;
import io.vpclattice.multicluster.offlineplan.PlannedResource;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.PolicyJson.statements;
import static io.vpclattice.multicluster.testing.PolicyJson.texts;
import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.dependsOn;
import static io.vpclattice.multicluster.testing.StackHarness.environment;
import static io.vpclattice.multicluster.testing.StackHarness.named;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;
import static io.vpclattice.multicluster.testing.StackHarness.only;
import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvironmentStackTest {
    private StackPlan plan;

    @BeforeAll
    void planDefaults() {
        plan = succeeded(environment(Map.of()));
    }

    @Test
    void privateZoneIsHeldByAPlaceholderVpcAndIgnoresLaterAssociations() {
        var zone = only(plan, "aws:route53/zone:Zone");
        var placeholder = only(plan, "aws:ec2/vpc:Vpc");
        assertEquals("vpc-lattice-octank.io", at(zone, "name"));
        assertEquals(List.of(Map.of("vpcId", "vpc-private-zone-placeholder")), at(zone, "vpcs"));
        assertEquals(List.of("vpcs"), zone.ignoreChanges());
        assertEquals(true, at(zone, "forceDestroy"));
        assertTrue(dependsOn(zone, placeholder));
        assertEquals(true, at(placeholder, "enableDnsSupport"));
        assertEquals(true, at(placeholder, "enableDnsHostnames"));
    }

    @Test
    void rootCaIsRsa4096SignedSha512WithTheDomainAndOrganisationAsSubject() {
        var ca = only(plan, "aws:acmpca/certificateAuthority:CertificateAuthority");
        assertEquals("ROOT", at(ca, "type"));
        assertEquals("GENERAL_PURPOSE", at(ca, "usageMode"));
        assertEquals("RSA_4096", at(ca, "certificateAuthorityConfiguration.keyAlgorithm"));
        assertEquals("SHA512WITHRSA", at(ca, "certificateAuthorityConfiguration.signingAlgorithm"));
        assertEquals("vpc-lattice-octank.io", at(ca, "certificateAuthorityConfiguration.subject.commonName"));
        assertEquals("octank", at(ca, "certificateAuthorityConfiguration.subject.organization"));
        assertEquals(7L, at(ca, "permanentDeletionTimeInDays"));
    }

    @Test
    void rootCertificateIsSelfSignedForTenYearsAndInstalledToActivateTheCa() {
        var rootCertificate = only(plan, "aws:acmpca/certificate:Certificate");
        assertEquals("arn:aws:acm-pca:::template/RootCACertificate/V1", at(rootCertificate, "templateArn"));
        assertEquals(Map.of("type", "YEARS", "value", "10"), at(rootCertificate, "validity"));
        assertEquals("SHA512WITHRSA", at(rootCertificate, "signingAlgorithm"));
        var activation = only(plan, "aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate");
        assertTrue(dependsOn(activation, rootCertificate), "the installation uses the issued root certificate");
    }

    @Test
    void domainCertificateWaitsForTheCaActivation() {
        var certificate = only(plan, "aws:acm/certificate:Certificate");
        var activation = only(plan, "aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate");
        assertTrue(dependsOn(certificate, activation), "ACM can only issue once the CA is ACTIVE");
        assertEquals("vpc-lattice-octank.io", at(certificate, "domainName"));
        assertEquals(List.of("*.vpc-lattice-octank.io"), at(certificate, "subjectAlternativeNames"));
        assertEquals("DISABLED", at(certificate, "options.certificateTransparencyLoggingPreference"));
        assertEquals(plan.outputs().get("certificateAuthorityArn"), at(certificate, "certificateAuthorityArn"));
    }

    @Test
    void acmMayRenewTheCertificateFromTheCa() {
        var permission = only(plan, "aws:acmpca/permission:Permission");
        assertEquals("acm.amazonaws.com", at(permission, "principal"));
        assertEquals(Set.of("IssueCertificate", "GetCertificate", "ListPermissions"), Set.copyOf((List<?>)
                at(permission, "actions")));
        assertEquals(PlanMocks.ACCOUNT, at(permission, "sourceAccount"));
    }

    @Test
    void serviceNetworkUsesIamAuthAndAdmitsOnlyThisAccount() {
        var network = only(plan, "aws:vpclattice/serviceNetwork:ServiceNetwork");
        assertEquals("lattice-gateway", at(network, "name"));
        assertEquals("AWS_IAM", at(network, "authType"));
        var policy = only(plan, "aws:vpclattice/authPolicy:AuthPolicy");
        assertTrue(dependsOn(policy, network));
        JsonNode statement = statements(at(policy, "policy")).get(0);
        assertEquals("Allow", statement.get("Effect").asText());
        assertEquals(
                "arn:aws:iam::" + PlanMocks.ACCOUNT + ":root",
                statement.get("Principal").get("AWS").asText());
        assertEquals("vpc-lattice-svcs:Invoke", statement.get("Action").asText());
    }

    @Test
    void clientRoleTrustsPodIdentityOnlyForThisAccountAndTheClientNamespaces() {
        var role = named(plan, "aws:iam/role:Role", "sigv4-client");
        assertEquals("vpc-lattice-ccpc-sigv4-client", at(role, "name"));
        JsonNode trust = statements(at(role, "assumeRolePolicy")).get(0);
        assertEquals(
                "pods.eks.amazonaws.com", trust.get("Principal").get("Service").asText());
        assertEquals(Set.of("sts:AssumeRole", "sts:TagSession"), texts(trust.get("Action")));
        JsonNode equals = trust.get("Condition").get("StringEquals");
        assertEquals(PlanMocks.ACCOUNT, equals.get("aws:SourceAccount").asText());
        assertEquals(Set.of("apps"), texts(equals.get("aws:RequestTag/kubernetes-namespace")));
    }

    @Test
    void clientRoleMayInvokeLatticeAndReadOnlyThisCasCertificate() {
        var permissions = named(plan, "aws:iam/rolePolicy:RolePolicy", "sigv4-client-permissions");
        var byAction = new java.util.HashMap<String, JsonNode>();
        statements(at(permissions, "policy"))
                .forEach(s -> byAction.put(s.get("Action").asText(), s));
        assertEquals(
                Set.of("vpc-lattice-svcs:Invoke", "acm-pca:GetCertificateAuthorityCertificate"), byAction.keySet());
        assertEquals(
                "arn:aws:vpc-lattice:eu-west-1:" + PlanMocks.ACCOUNT + ":service/*",
                byAction.get("vpc-lattice-svcs:Invoke").get("Resource").asText());
        assertEquals(
                plan.outputs().get("certificateAuthorityArn"),
                byAction.get("acm-pca:GetCertificateAuthorityCertificate")
                        .get("Resource")
                        .asText());
    }

    @Test
    void exportsWhatClusterStacksRead() {
        assertEquals(
                Arrays.stream(EnvironmentOutputs.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName)
                        .collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(plan.outputs().keySet()));
        assertEquals("eu-west-1", plan.outputs().get("region"));
        assertEquals("lattice-gateway", plan.outputs().get("serviceNetworkName"));
        assertEquals("", plan.outputs().get("dnsProfileId"), "nothing shared by default");
        assertEquals(Map.of(), plan.outputs().get("servedClusters"), "no cluster of another account by default");
        plan.outputs().forEach((name, value) -> {
            if (value instanceof String text && !Set.of("dnsProfileId").contains(name)) {
                assertTrue(!text.isBlank(), name);
            }
        });
        assertEquals(PlanMocks.ACCOUNT, plan.outputs().get("account"));
        assertEquals(List.of("apps"), plan.outputs().get("clientNamespaces"), "a list, not joined text");
    }

    @Test
    void theServiceNetworksAccessLogsAreKeptAsConfiguredAndNothingIsSharedByDefault() {
        var logs = named(plan, "aws:cloudwatch/logGroup:LogGroup", "service-network-access-logs");
        assertEquals("/aws/vendedlogs/vpc-lattice/lattice-gateway", at(logs, "name"));
        assertEquals(30L, at(logs, "retentionInDays"));
        assertEquals(
                plan.outputs().get("serviceNetworkArn"),
                at(only(plan, "aws:vpclattice/accessLogSubscription:AccessLogSubscription"), "resourceIdentifier"));
        assertTrue(
                plan.resources().stream()
                        .noneMatch(
                                r -> r.type().startsWith("aws:ram/") || r.type().startsWith("aws:route53/profiles")),
                "a single account shares nothing");
        var weekly = succeeded(environment(Map.of("accessLogRetentionDays", "7")));
        assertEquals(
                7L,
                at(
                        named(weekly, "aws:cloudwatch/logGroup:LogGroup", "service-network-access-logs"),
                        "retentionInDays"));
    }

    @Test
    void everyResourceBelongsToAComponent() {
        plan.resources().stream()
                .filter(PlannedResource::custom)
                .forEach(r -> assertNotNull(r.parent(), r.urn() + " has no parent"));
    }

    @Test
    void reusingAnExistingCaCreatesNoCaAndIssuesFromTheGivenOne() {
        String existing =
                "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555";
        var reusing = succeeded(environment(Map.of("certificateAuthorityArn", existing)));
        assertTrue(ofType(reusing, "aws:acmpca/certificateAuthority:CertificateAuthority")
                .isEmpty());
        assertTrue(ofType(reusing, "aws:acmpca/permission:Permission").isEmpty());
        assertEquals(existing, at(only(reusing, "aws:acm/certificate:Certificate"), "certificateAuthorityArn"));
        assertEquals(existing, reusing.outputs().get("certificateAuthorityArn"));
    }

    @Test
    void configuredValuesReachTheResources() {
        var custom = succeeded(environment(Map.of(
                "domain",
                "mesh.example.internal",
                "organization",
                "Example Corp",
                "serviceNetworkName",
                "shared-mesh",
                "clientNamespaces",
                "[\"apps\",\"batch\"]",
                "environmentName",
                "prod-mesh")));
        assertEquals("mesh.example.internal", at(only(custom, "aws:route53/zone:Zone"), "name"));
        assertEquals(
                "Example Corp",
                at(
                        only(custom, "aws:acmpca/certificateAuthority:CertificateAuthority"),
                        "certificateAuthorityConfiguration.subject.organization"));
        assertEquals("shared-mesh", at(only(custom, "aws:vpclattice/serviceNetwork:ServiceNetwork"), "name"));
        var role = named(custom, "aws:iam/role:Role", "sigv4-client");
        assertEquals("prod-mesh-sigv4-client", at(role, "name"));
        assertEquals(
                Set.of("apps", "batch"),
                texts(statements(at(role, "assumeRolePolicy"))
                        .get(0)
                        .get("Condition")
                        .get("StringEquals")
                        .get("aws:RequestTag/kubernetes-namespace")));
    }
}
