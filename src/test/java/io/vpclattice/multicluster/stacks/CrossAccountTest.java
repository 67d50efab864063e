package io.vpclattice.multicluster.stacks;

import io.vpclattice.multicluster.offlineplan.PlanMocks;
import io.vpclattice.multicluster.offlineplan.StackPlan;
import io.vpclattice.multicluster.policies.Policies;
import io.vpclattice.multicluster.testing.PolicyEvaluator;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Decision;
import io.vpclattice.multicluster.testing.PolicyEvaluator.Request;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.vpclattice.multicluster.testing.StackHarness.at;
import static io.vpclattice.multicluster.testing.StackHarness.named;
import static io.vpclattice.multicluster.testing.StackHarness.ofType;
import static io.vpclattice.multicluster.testing.StackHarness.only;
import static io.vpclattice.multicluster.testing.StackHarness.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checked-in example {@code examples/two-accounts}: the environment and cluster1 in the stand-in account,
 * cluster2 in {@value #MEMBER}, planned from that directory's stack files as {@code scripts/plan.sh --stack-files}
 * plans them.
 */
class CrossAccountTest {
    private static final String ENVIRONMENT = PlanMocks.ACCOUNT;
    private static final String MEMBER = "210987654321";

    @TempDir
    static Path project;

    private static StackPlan environment;
    private static StackPlan cluster1;
    private static StackPlan cluster2;

    @BeforeAll
    static void planTheExample() {
        StackHarness.copyExample(project, "two-accounts");
        environment = succeeded(StackHarness.defaultEnvironment(project));
        cluster1 = succeeded(StackHarness.cluster(project, "cluster1", Map.of()));
        cluster2 = succeeded(StackHarness.cluster(project, "cluster2", Map.of()));
    }

    private static Object output(StackPlan plan, String name) {
        return plan.outputs().get(name);
    }

    @Test
    void theEnvironmentSharesNetworkCaAndZoneProfileWithTheMemberAccountInsideItsOrganization() {
        var share = only(environment, "aws:ram/resourceShare:ResourceShare");
        assertEquals(false, at(share, "allowExternalPrincipals"), "no invitation to accounts outside the organization");
        Set<Object> shared = ofType(environment, "aws:ram/resourceAssociation:ResourceAssociation").stream()
                .map(association -> at(association, "resourceArn"))
                .collect(Collectors.toSet());
        assertTrue(shared.containsAll(
                Set.of(output(environment, "serviceNetworkArn"), output(environment, "certificateAuthorityArn"))));
        assertEquals(3, shared.size());
        var profile = only(environment, "aws:route53/profilesProfile:ProfilesProfile");
        assertEquals(
                1,
                ofType(environment, "aws:ram/resourceAssociation:ResourceAssociation").stream()
                        .filter(association -> StackHarness.dependsOn(association, profile))
                        .count(),
                "the third shared resource is the Route 53 Profile");
        assertEquals(MEMBER, at(only(environment, "aws:ram/principalAssociation:PrincipalAssociation"), "principal"));
        assertEquals(
                output(environment, "privateZoneArn"),
                at(
                        only(environment, "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation"),
                        "resourceArn"));
    }

    @Test
    void everyGatewayAndRouteNamesTheNetworkByItsNameAtHomeAndInTheMemberAccount() {
        // Not by id, though the controller's FindServiceNetwork matches ids: v2.1.3's associationsDiff compares the
        // routes' Gateway names with the existing associations' network names (ClusterPlacement.gatewayName).
        Object name = output(environment, "serviceNetworkName");
        for (StackPlan cluster : List.of(cluster1, cluster2)) {
            assertEquals(
                    name,
                    at(only(cluster, "kubernetes:gateway.networking.k8s.io/v1:Gateway"), "metadata.name"),
                    cluster.stack());
            var route = only(cluster, "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute");
            for (Object parent : (List<?>) at(route, "spec.parentRefs")) {
                assertEquals(name, ((Map<?, ?>) parent).get("name"), cluster.stack());
            }
        }
    }

    @Test
    void theCaIsSharedOnlyOnceItsCertificateIsInstalled() {
        var activation =
                only(environment, "aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate");
        var caShare = StackHarness.ofType(environment, "aws:ram/resourceAssociation:ResourceAssociation").stream()
                .filter(association ->
                        output(environment, "certificateAuthorityArn").equals(at(association, "resourceArn")))
                .findFirst()
                .orElseThrow();
        assertTrue(
                StackHarness.dependsOn(caShare, activation), caShare.dependsOn().toString());
    }

    @Test
    void theMemberJoinsWhatIsSharedFromItsOwnAccountAndOwnsNoShare() {
        var profileAssociation = only(cluster2, "aws:route53/profilesAssociation:ProfilesAssociation");
        assertEquals(output(environment, "dnsProfileId"), at(profileAssociation, "profileId"));
        assertEquals(output(cluster2, "vpcId"), at(profileAssociation, "resourceId"));
        assertTrue(
                ofType(cluster2, "aws:route53/zoneAssociation:ZoneAssociation").isEmpty(),
                "a zone of another account is reached through the profile");
        assertEquals(
                output(environment, "serviceNetworkArn"),
                at(
                        only(cluster2, "aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation"),
                        "serviceNetworkIdentifier"),
                "across accounts AWS takes the service network's ARN");
        // Destroying the member removes its associations, certificate and roles; the shares stay the environment's.
        assertTrue(cluster2.resources().stream()
                .noneMatch(r -> r.type().startsWith("aws:ram/")
                        || r.type().contains("profilesProfile")
                        || r.type().contains("profilesResourceAssociation")));
        assertEquals(
                output(environment, "serviceNetworkId"),
                at(
                        only(cluster1, "aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation"),
                        "serviceNetworkIdentifier"));
        only(cluster1, "aws:route53/zoneAssociation:ZoneAssociation");
    }

    @Test
    void theMembersListenersPresentItsOwnCertificateFromTheSharedCa() {
        var certificate = only(cluster2, "aws:acm/certificate:Certificate");
        assertEquals(output(environment, "certificateAuthorityArn"), at(certificate, "certificateAuthorityArn"));
        assertEquals(List.of("*.vpc-lattice-octank.io"), at(certificate, "subjectAlternativeNames"));
        String memberCertificate = "arn:aws:acm:eu-west-1:" + MEMBER + ":certificate/" + certificate.name();
        var gateway = only(cluster2, "kubernetes:gateway.networking.k8s.io/v1:Gateway");
        assertTrue(
                String.valueOf(at(gateway, "spec.listeners")).contains(memberCertificate),
                String.valueOf(at(gateway, "spec.listeners")));
        assertTrue(
                ofType(cluster1, "aws:acm/certificate:Certificate").isEmpty(),
                "cluster1 uses the environment's certificate");
    }

    @Test
    void theMembersPodsCallAsARoleOfTheirOwnAccountTrustingOnlyTheirCluster() {
        var role = named(cluster2, "aws:iam/role:Role", "sigv4-client");
        String roleArn = "arn:aws:iam::" + MEMBER + ":role/" + at(role, "name");
        assertEquals(
                roleArn,
                at(
                        named(cluster2, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "demo-pod-identity"),
                        "roleArn"),
                "the demo's pods get the member's own client role");
        String trust = (String) at(role, "assumeRolePolicy");
        var ownPods = new Request(
                "service:" + Policies.POD_IDENTITY_SERVICE,
                "sts:AssumeRole",
                "*",
                Map.of(
                        "aws:SourceAccount",
                        List.of(MEMBER),
                        "aws:RequestTag/eks-cluster-name",
                        List.of("eks-cluster2"),
                        "aws:RequestTag/kubernetes-namespace",
                        List.of("apps")));
        assertEquals(Decision.ALLOW, PolicyEvaluator.evaluate(trust, ownPods));
        var otherCluster = new Request(
                ownPods.principal(),
                ownPods.action(),
                "*",
                Map.of(
                        "aws:SourceAccount",
                        List.of(MEMBER),
                        "aws:RequestTag/eks-cluster-name",
                        List.of("eks-cluster3"),
                        "aws:RequestTag/kubernetes-namespace",
                        List.of("apps")));
        assertEquals(Decision.IMPLICIT_DENY, PolicyEvaluator.evaluate(trust, otherCluster));
        String permissions =
                (String) at(named(cluster2, "aws:iam/rolePolicy:RolePolicy", "sigv4-client-permissions"), "policy");
        for (String account : List.of(ENVIRONMENT, MEMBER)) {
            assertEquals(
                    Decision.ALLOW,
                    PolicyEvaluator.evaluate(
                            permissions,
                            new Request(
                                    roleArn,
                                    Policies.LATTICE_INVOKE,
                                    "arn:aws:vpc-lattice:eu-west-1:" + account + ":service/svc-1/",
                                    Map.of())),
                    "calls services of " + account);
        }
        String environmentClient =
                (String) at(named(environment, "aws:iam/rolePolicy:RolePolicy", "sigv4-client-permissions"), "policy");
        assertEquals(
                Decision.ALLOW,
                PolicyEvaluator.evaluate(
                        environmentClient,
                        new Request(
                                "x",
                                Policies.LATTICE_INVOKE,
                                "arn:aws:vpc-lattice:eu-west-1:" + MEMBER + ":service/svc-2/",
                                Map.of())),
                "cluster1's pods may call cluster2's service");
    }

    @Test
    void eachServicePolicyNamesItsCallersAccount() {
        String cluster2Policy = (String) output(cluster2, "authPolicy");
        String cluster1Policy = (String) output(cluster1, "authPolicy");
        assertEquals(Decision.ALLOW, PolicyEvaluator.evaluate(cluster2Policy, pod(ENVIRONMENT, "cluster1")));
        assertEquals(
                Decision.IMPLICIT_DENY,
                PolicyEvaluator.evaluate(cluster2Policy, pod(MEMBER, "cluster1")),
                "a cluster named cluster1 in the member account is not cluster1");
        assertEquals(Decision.ALLOW, PolicyEvaluator.evaluate(cluster1Policy, pod(MEMBER, "cluster2")));
        assertEquals(Decision.IMPLICIT_DENY, PolicyEvaluator.evaluate(cluster1Policy, pod(ENVIRONMENT, "cluster2")));
        String network = (String) at(only(environment, "aws:vpclattice/authPolicy:AuthPolicy"), "policy");
        assertEquals(Decision.ALLOW, PolicyEvaluator.evaluate(network, pod(MEMBER, "cluster2")));
        assertEquals(Decision.IMPLICIT_DENY, PolicyEvaluator.evaluate(network, pod("555555555555", "cluster2")));
    }

    private static Request pod(String account, String cluster) {
        return PolicyEvaluator.latticeCall(account, "eks-" + cluster, "apps");
    }

    @Test
    void theMembersExternalDnsWritesItsOwnRecordsThroughTheEnvironmentsRole() {
        var writer = named(environment, "aws:iam/role:Role", "dns-writer-cluster2");
        String writerArn = "arn:aws:iam::" + ENVIRONMENT + ":role/" + at(writer, "name");
        var release = named(cluster2, "kubernetes:helm.sh/v3:Release", "external-dns");
        assertEquals(writerArn, at(release, "values.extraArgs.aws-assume-role"));
        String memberRole = "arn:aws:iam::" + MEMBER + ":role/"
                + at(named(cluster2, "aws:iam/role:Role", "external-dns-role"), "name");
        assertEquals(
                Decision.ALLOW,
                PolicyEvaluator.evaluate(
                        (String) at(writer, "assumeRolePolicy"),
                        new Request(
                                memberRole, "sts:AssumeRole", "*", Map.of("aws:PrincipalArn", List.of(memberRole)))),
                "the environment trusts exactly the role the member creates");
        String memberPermissions = (String)
                at(named(cluster2, "aws:iam/rolePolicy:RolePolicy", "external-dns-role-permissions"), "policy");
        assertEquals(
                Decision.ALLOW,
                PolicyEvaluator.evaluate(
                        memberPermissions, new Request(memberRole, "sts:AssumeRole", writerArn, Map.of())));
        assertFalse(memberPermissions.contains("route53:"), "the member's own role changes no zone");
        assertTrue(
                ofType(environment, "aws:iam/role:Role").stream()
                        .noneMatch(r -> r.name().equals("dns-writer-cluster1")),
                "a cluster of the environment's account writes with its own role");
    }

    @Test
    void theServiceNetworksAccessLogsGoToTheEnvironmentsLogGroup() {
        var logs = named(environment, "aws:cloudwatch/logGroup:LogGroup", "service-network-access-logs");
        assertEquals(output(environment, "accessLogGroup"), at(logs, "name"));
        var subscription = only(environment, "aws:vpclattice/accessLogSubscription:AccessLogSubscription");
        assertEquals(output(environment, "serviceNetworkArn"), at(subscription, "resourceIdentifier"));
        assertTrue(StackHarness.dependsOn(subscription, logs), "the subscription delivers to this log group");
        var yearly =
                succeeded(StackHarness.plan(project, "environment", Map.of("accessLogRetentionDays", "365"), Map.of()));
        assertEquals(
                365L,
                at(
                        named(yearly, "aws:cloudwatch/logGroup:LogGroup", "service-network-access-logs"),
                        "retentionInDays"));
    }

    @Test
    void aMemberRunWithTheEnvironmentsCredentialsCreatesNothing() {
        var wrongCredentials = StackHarness.cluster(
                project, "cluster2", Map.of(), StackHarness.callerIs("arn:aws:iam::" + ENVIRONMENT + ":role/deployer"));
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:accountId=\"210987654321\": the stack runs with credentials of"
                        + " account 123456789012; set aws:profile or aws:assumeRole in Pulumi.cluster2.yaml to credentials of 210987654321",
                wrongCredentials.error().orElseThrow());
        assertEquals(List.of(), wrongCredentials.resources());
    }

    @Test
    void aMemberTheEnvironmentDoesNotServeYetCreatesNothing() {
        // The environment of this checkout was planned before cluster2 named its account: it serves nobody.
        var unserved = StackHarness.cluster("cluster2", Map.of("accountId", MEMBER));
        assertEquals(
                "invalid configuration: stack cluster2 runs in account 210987654321, which the environment (123456789012)"
                        + " does not serve yet: name the account (or its organization) in the environment's"
                        + " vpc-lattice-multicluster:sharedWith and run `pulumi up` on the environment, which reads"
                        + " accountId from Pulumi.cluster2.yaml, before this stack",
                unserved.error().orElseThrow());
        assertEquals(List.of(), unserved.resources());
    }

    @Test
    void aMemberDeployedWithAssumeRoleGetsItsKubernetesTokensAsThatRole() {
        String role = "arn:aws:iam::" + MEMBER + ":role/deployer";
        var overrides = new HashMap<String, String>();
        overrides.put("aws:profile", null); // removed: the provider assumes the role instead
        overrides.put("aws:assumeRole", "{\"roleArn\":\"" + role + "\"}");
        var assumed = succeeded(StackHarness.cluster(project, "cluster2", overrides));
        assertEquals(role, output(assumed, "clusterAdmin"), "the entry is the role the provider assumes");
        assertEquals(
                "aws --region eu-west-1 eks get-token --cluster-name eks-cluster2 --output json --role-arn " + role,
                output(assumed, "kubernetesIdentity"),
                "kubectl and the Kubernetes provider get their tokens as that role, not as the default credentials");
    }

    @Test
    void anEnvironmentThatDoesNotShareWithAMembersAccountCreatesNothing(@TempDir Path other) {
        StackHarness.copyProject(
                other, Map.of("cluster3", "config:\n  vpc-lattice-multicluster:accountId: \"333333333333\"\n"));
        var refused = StackHarness.plan(other, "environment", Map.of(), Map.of());
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:sharedWith=[]: expected it to name account 333333333333,"
                        + " where cluster stack cluster3 runs (its accountId), or its organization; otherwise that cluster cannot join"
                        + " the service network",
                refused.error().orElseThrow());
        assertEquals(List.of(), refused.resources());
    }
}
