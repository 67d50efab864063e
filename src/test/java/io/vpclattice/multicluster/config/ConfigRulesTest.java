package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.config.ConfigKey.RuleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The config rules at their edges, called as the schema calls them: what passes, and the exact refusal. */
class ConfigRulesTest {
    private static final ProjectStacks STACKS = new ProjectStacks("environment", List.of("cluster1", "cluster2"));
    private static final String CA =
            "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555";

    private static RuleContext in(String stack) {
        return new RuleContext(stack, "eu-west-1", STACKS);
    }

    private static Optional<String> refusal(String expected) {
        return expected == null ? Optional.empty() : Optional.of(expected);
    }

    /** A cluster stack may name its own namespaces even before its file exists; the environment is no caller. */
    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "cluster3|cluster3/apps|none",
                "cluster1|cluster2/apps|none",
                "cluster1|cluster3/apps|expected a cluster stack of this project (cluster1, cluster2): add"
                        + " Pulumi.cluster3.yaml or fix the name",
                "environment|environment/apps|expected a cluster stack of this project (cluster1, cluster2): add"
                        + " Pulumi.environment.yaml or fix the name",
                "cluster1|cluster2/apps/x|expected <cluster stack>/<namespace>, such as cluster2/apps"
            })
    void aCallerIsAClusterStackOfThisProjectAndANamespace(String stack, String caller, String expected) {
        assertEquals(refusal(expected), ConfigRules.caller(caller, in(stack)));
    }

    private static final Map<String, Function<String, Optional<String>>> RULES = Map.of(
            "controllerChart", ConfigRules::controllerChart,
            "kubernetesVersion", ConfigRules::kubernetesVersion,
            "vpcCidr", ConfigRules::vpcCidr,
            "publicAccessCidr", ConfigRules::publicAccessCidr);

    private static final String PREFIXES =
            "expected a prefix from /16 to /20 (AWS allows /16 at most; smaller VPCs leave public subnets under /28)";
    private static final String CONTROLLER =
            "expected v2.1.0 or later: older controllers do not serve the Gateway API" + " v1.5 CRDs";

    /** The controller chart from v2.1.0, Kubernetes from 1.31, VPCs from /16 to /20: each edge and one past it. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "controllerChart|v2.1.0|none",
                "controllerChart|v3.0.0|none",
                "controllerChart|v10.0.0|none",
                "controllerChart|v2.0.9|" + CONTROLLER,
                "controllerChart|v1.9.9|" + CONTROLLER,
                "controllerChart|v2.1|expected a chart version such as v2.1.3",
                "controllerChart|2.1.3|expected a chart version such as v2.1.3",
                "kubernetesVersion|1.31|none",
                "kubernetesVersion|1.30|expected an EKS Kubernetes version 1.31 or later, such as 1.35 (the Gateway"
                        + " API controller v2.1 needs 1.31)",
                "vpcCidr|10.0.0.0/16|none",
                "vpcCidr|10.0.0.0/20|none",
                "vpcCidr|10.0.0.0/15|" + PREFIXES,
                "vpcCidr|10.0.0.0/21|" + PREFIXES,
                "vpcCidr|10.0.0.0/33|expected an IPv4 CIDR such as 10.0.0.0/16",
                "publicAccessCidr|203.0.113.0/24|none",
                "publicAccessCidr|203.0.113.1/24|expected an IPv4 CIDR such as 203.0.113.0/24"
            })
    void eachRuleAtItsEdges(String rule, String value, String expected) {
        assertEquals(refusal(expected), RULES.get(rule).apply(value));
    }

    @Test
    void arnsOfTheRightShapeAndPlacePass() {
        assertEquals(Optional.empty(), ConfigRules.certificateAuthorityArn(CA, in("environment")));
        assertEquals(Optional.empty(), ConfigRules.certificateAuthorityArn("", in("environment")));
        assertEquals(
                Optional.of("expected a CA in us-east-1: ACM issues private certificates only from a CA in its own"
                        + " region"),
                ConfigRules.certificateAuthorityArn(CA, new RuleContext("environment", "us-east-1", STACKS)));
        assertEquals(
                Optional.empty(),
                ConfigRules.principalArn("arn:aws:iam::123456789012:role/team/Admin", in("cluster1")));
        assertEquals(Optional.empty(), ConfigRules.principalArn("arn:aws:iam::123456789012:user/jane", in("cluster1")));
    }

    /** Only a value YAML would read as a number or boolean gets the hint, and never twice. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "many|expected one of single, perZone|expected one of single, perZone",
                "012345678901|expected a 12-digit AWS account id|expected a 12-digit AWS account id (an unquoted number"
                        + " or boolean in a stack file reaches the program as \"012345678901\": if that is what"
                        + " happened, quote the value as you meant it)",
                "true|expected a name|expected a name (an unquoted number or boolean in a stack file reaches the"
                        + " program as \"true\": if that is what happened, quote the value as you meant it)",
                "1.3|expected 1.35; quote it|expected 1.35; quote it"
            })
    void theQuotingHintIsForWhatYamlReadsAsANumberOrBoolean(String value, String problem, String expected) {
        assertEquals(expected, ConfigRules.withQuotingHint(value, problem));
    }
}
