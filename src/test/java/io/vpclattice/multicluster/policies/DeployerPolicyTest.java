package io.vpclattice.multicluster.policies;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.vpclattice.multicluster.testing.PolicyJson.statements;
import static io.vpclattice.multicluster.testing.PolicyJson.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The deployer's permissions from the types alone, without planning a project (DeployerPermissionsTest checks the
 * table against the fixtures' plans): what each kind of type needs, and the statements the policy has only when
 * something needs them.
 */
class DeployerPolicyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "kubernetes:core/v1:Namespace|a Kubernetes object: the cluster authorises it (the admin access entry)",
                "pulumi:providers:kubernetes|a Kubernetes object: the cluster authorises it (the admin access entry)",
                "multicluster:eks:Cluster|a component or provider: no AWS call of its own",
                "pulumi:providers:aws|a component or provider: no AWS call of its own",
                "pulumi:providers:random|none",
                "aws:s3/bucket:Bucket|none"
            })
    void whatATypeThatIsNoAwsResourceNeeds(String type, String source) {
        assertEquals(
                Optional.ofNullable(source).map(reason -> new DeployerPermissions.Need(List.of(), List.of(), reason)),
                DeployerPermissions.of(type));
    }

    @Test
    void withoutServiceLinkedRolesOrAKubeconfigRoleThePolicyIsOneStatement() {
        var types = List.of("aws:acmpca/certificateAuthority:CertificateAuthority", "kubernetes:core/v1:Namespace");
        var statements = statements(DeployerPermissions.policy(types, Optional.empty()));
        assertEquals(1, statements.size());
        JsonNode deploy = statements.get(0);
        assertEquals("Deploy", deploy.get("Sid").asText());
        assertEquals(DeployerPermissions.actions(types), texts(deploy.get("Action")));
        assertEquals(Set.of("*"), texts(deploy.get("Resource")));
        assertEquals(Set.of(), DeployerPermissions.serviceLinkedRoles(types));
        assertEquals(Set.of("aws:s3/bucket:Bucket"), DeployerPermissions.unknown(List.of("aws:s3/bucket:Bucket")));
    }

    /**
     * A certificate from another account's CA makes ACM create its service-linked role, so the policy allows that
     * role for ACM alone; the kubeconfig's role may be assumed; an unknown type stops the policy, naming it.
     */
    @Test
    void serviceLinkedRolesAndTheKubeconfigRoleAreStatementsApart() {
        var types = List.of("aws:acm/certificate:Certificate", "multicluster:eks:Cluster");
        var acm = Set.of(
                "acm:RequestCertificate",
                "acm:AddTagsToCertificate",
                "acm:DescribeCertificate",
                "acm:ListTagsForCertificate",
                "acm:RemoveTagsFromCertificate",
                "acm:UpdateCertificateOptions",
                "acm:DeleteCertificate");
        assertEquals(acm, DeployerPermissions.actions(types));
        assertEquals(Set.of("acm.amazonaws.com"), DeployerPermissions.serviceLinkedRoles(types));
        String role = "arn:aws:iam::123456789012:role/eks-admin";
        var statements = statements(DeployerPermissions.policy(types, Optional.of(role)));
        assertEquals(3, statements.size());
        assertEquals(acm, texts(statements.get(0).get("Action")));
        assertEquals("ServiceLinkedRoles", statements.get(1).get("Sid").asText());
        assertEquals(
                Set.of("iam:CreateServiceLinkedRole"), texts(statements.get(1).get("Action")));
        assertEquals(
                Set.of("acm.amazonaws.com"),
                texts(statements.get(1).get("Condition").get("StringEquals").get("iam:AWSServiceName")));
        assertEquals("KubeconfigRole", statements.get(2).get("Sid").asText());
        assertEquals(Set.of("sts:AssumeRole"), texts(statements.get(2).get("Action")));
        assertEquals(Set.of(role), texts(statements.get(2).get("Resource")));
        var unknown = assertThrows(
                IllegalArgumentException.class,
                () -> DeployerPermissions.policy(
                        List.of("aws:s3/bucket:Bucket", "aws:sqs/queue:Queue"), Optional.empty()));
        assertEquals(
                "no deployer permissions are known for aws:s3/bucket:Bucket, aws:sqs/queue:Queue; add them to"
                        + " DeployerPermissions",
                unknown.getMessage());
    }
}
