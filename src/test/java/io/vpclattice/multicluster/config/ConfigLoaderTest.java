package io.vpclattice.multicluster.config;

import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.eks.ProviderCredentials;
import io.vpclattice.multicluster.network.Ipv4Cidr;
import io.vpclattice.multicluster.network.NatGateways;
import io.vpclattice.multicluster.offlineplan.OfflinePlanner;
import io.vpclattice.multicluster.policies.CallerRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final String PROJECT = "vpc-lattice-multicluster";
    private static final ProjectStacks STACKS = new ProjectStacks("environment", List.of("cluster1", "cluster2"));

    /** Raw values as Pulumi passes them; {@code aws:region} is the provider key, the rest are the project's. */
    static ConfigSource source(Map<String, String> values) {
        var map = new HashMap<>(values);
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public Optional<String> awsRegion() {
                return Optional.ofNullable(map.get("aws:region"));
            }

            @Override
            public Optional<String> awsProfile() {
                return Optional.ofNullable(map.get("aws:profile"));
            }

            @Override
            public Optional<String> awsAssumeRole() {
                return Optional.ofNullable(map.get("aws:assumeRole"));
            }

            @Override
            public Optional<String> qualified(String fullKey) {
                return Optional.ofNullable(map.get(fullKey));
            }

            @Override
            public Set<String> keys() {
                var keys = new java.util.TreeSet<String>();
                map.keySet().forEach(key -> keys.add(key.contains(":") ? key : PROJECT + ":" + key));
                return keys;
            }
        };
    }

    static StackConfig load(String stack, Map<String, String> values) {
        return ConfigLoader.load(source(values), OfflinePlanner.ORGANIZATION, PROJECT, stack, STACKS);
    }

    static String error(String stack, Map<String, String> values) {
        return assertThrows(ConfigException.class, () -> load(stack, values)).getMessage();
    }

    @Test
    void environmentDefaultsFollowTheSeed() {
        var config = assertInstanceOf(EnvironmentStackConfig.class, load("environment", Map.of()));
        assertEquals(
                new Common(
                        OfflinePlanner.ORGANIZATION,
                        PROJECT,
                        "environment",
                        "eu-west-1",
                        "environment",
                        "vpc-lattice-ccpc",
                        new ClusterAccounts(Map.of(), Set.of("cluster1", "cluster2")),
                        ProviderCredentials.DEFAULT,
                        ProjectCalls.NONE),
                config.common());
        assertEquals(SharedWith.NOBODY, config.sharedWith());
        assertEquals(30, config.accessLogRetentionDays());
        assertEquals("vpc-lattice-octank.io", config.domain());
        assertEquals("octank", config.organization());
        assertEquals("lattice-gateway", config.serviceNetworkName());
        assertEquals(List.of("apps"), config.clientNamespaces());
        assertEquals(Optional.empty(), config.existingCertificateAuthorityArn());
        assertEquals(7, config.caDeletionWindowDays());
    }

    @Test
    void everyOtherStackIsACluster() {
        var config = assertInstanceOf(
                ClusterStackConfig.class, load("cluster2", Map.of("allowedCallers", "[\"cluster1/apps\"]")));
        assertEquals("cluster2", config.cluster());
        assertEquals(
                new ClusterStackConfig.Network(Ipv4Cidr.of("10.0.0.0/16"), 3, NatGateways.SINGLE, 30, false),
                config.network());
        assertEquals(new ClusterStackConfig.NodeScaling(3, 3, 10), config.eks().nodeScaling());
        assertEquals(List.of("m5.large", "m5a.large", "m6i.large"), config.eks().nodeInstanceTypes());
        assertTrue(config.eks().endpointPublicAccess());
        assertEquals("1.35", config.eks().kubernetesVersion());
        assertEquals(List.of(new CallerRule("cluster1", "apps")), config.demo().allowedCallers());
        assertEquals("v2.1.3", config.platform().gatewayControllerChartVersion());
        assertEquals(
                "organization/vpc-lattice-multicluster/environment",
                config.common().environmentStackReference());
    }

    @Test
    void theEnvironmentIsReferencedInThisStacksOrganisation() {
        var cloud = assertInstanceOf(
                ClusterStackConfig.class, ConfigLoader.load(source(Map.of()), "acme", PROJECT, "cluster1", STACKS));
        assertEquals("acme/vpc-lattice-multicluster/environment", cloud.common().environmentStackReference());
    }

    @Test
    void theEnvironmentReadsWhoItIsSharedWithAndEveryStackWhereEachClusterRuns() {
        var stacks = new ProjectStacks(
                "environment",
                List.of("cluster1", "cluster2"),
                new ClusterAccounts(Map.of("cluster2", "210987654321"), Set.of("cluster1", "cluster2")),
                ProjectCalls.NONE);
        var environment = assertInstanceOf(
                EnvironmentStackConfig.class,
                ConfigLoader.load(
                        source(Map.of(
                                "sharedWith",
                                "[\"210987654321\",\"arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-cdefghij\"]",
                                "accessLogRetentionDays",
                                "90")),
                        OfflinePlanner.ORGANIZATION,
                        PROJECT,
                        "environment",
                        stacks));
        assertEquals(List.of("210987654321"), environment.sharedWith().accounts());
        assertEquals(
                List.of("arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-cdefghij"),
                environment.sharedWith().units());
        assertEquals(90, environment.accessLogRetentionDays());
        assertEquals(
                Map.of("cluster2", "210987654321"),
                environment.common().clusterAccounts().members("123456789012"));
        var cluster2 = assertInstanceOf(
                ClusterStackConfig.class,
                ConfigLoader.load(
                        source(Map.of(
                                "accountId", "210987654321",
                                "aws:profile", "member",
                                "aws:assumeRole", "{\"roleArn\":\"arn:aws:iam::210987654321:role/deployer\"}")),
                        OfflinePlanner.ORGANIZATION,
                        PROJECT,
                        "cluster2",
                        stacks));
        assertEquals("123456789012", cluster2.common().clusterAccounts().accountOf("cluster1", "123456789012"));
        assertEquals(
                new ProviderCredentials(Optional.of("member"), Optional.of("arn:aws:iam::210987654321:role/deployer")),
                cluster2.common().credentials());
    }

    @Test
    void theEnvironmentStackNameIsConfigurable() {
        var stacks = new ProjectStacks("shared", List.of("cluster1"));
        var shared = Map.of("environmentStack", "shared");
        assertInstanceOf(
                EnvironmentStackConfig.class,
                ConfigLoader.load(source(shared), OfflinePlanner.ORGANIZATION, PROJECT, "shared", stacks));
        var cluster = assertInstanceOf(
                ClusterStackConfig.class,
                ConfigLoader.load(source(shared), OfflinePlanner.ORGANIZATION, PROJECT, "cluster1", stacks));
        assertEquals(
                "organization/vpc-lattice-multicluster/shared", cluster.common().environmentStackReference());
    }

    /** The roles come from the project's files; a value handed over from elsewhere cannot move the environment. */
    @Test
    void anEnvironmentStackOtherThanTheProjectsIsRefused() {
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:environmentStack=\"shared\": expected environment, "
                        + "the environment stack that Pulumi.yaml and the project's stack files name "
                        + "(`java -jar target/vpc-lattice-multicluster.jar stacks` lists the stacks)",
                error("shared", Map.of("environmentStack", "shared")));
        assertTrue(
                error("cluster1", Map.of("environmentStack", "shared"))
                        .startsWith(
                                "invalid configuration: vpc-lattice-multicluster:environmentStack=\"shared\": expected environment"));
    }

    /** Each bad value gives one line naming the key, the value and what is expected. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "vpcCidr|10.0.0.0/33|vpc-lattice-multicluster:vpcCidr=\"10.0.0.0/33\": expected an IPv4 CIDR such as 10.0.0.0/16",
                "vpcCidr|10.0.1.0/16|vpc-lattice-multicluster:vpcCidr=\"10.0.1.0/16\": expected an IPv4 CIDR such as 10.0.0.0/16 (host bits set: did you mean 10.0.0.0/16?)",
                "vpcCidr|10.0.0.0/24|vpc-lattice-multicluster:vpcCidr=\"10.0.0.0/24\": expected a prefix from /16 to /20",
                "vpcCidr|10.0.0.0/8|vpc-lattice-multicluster:vpcCidr=\"10.0.0.0/8\": expected a prefix from /16 to /20",
                "vpcCidr|169.254.0.0/16|vpc-lattice-multicluster:vpcCidr=\"169.254.0.0/16\": expected a range outside 169.254.0.0/16",
                "kubernetesVersion|1.3|vpc-lattice-multicluster:kubernetesVersion=\"1.3\": expected an EKS Kubernetes version such as 1.35; a stack file's unquoted 1.30 is the YAML number 1.3: quote it (\"1.30\")",
                "clusterAdminArn|arn:aws-cn:iam::123456789012:role/Admin|vpc-lattice-multicluster:clusterAdminArn=\"arn:aws-cn:iam::123456789012:role/Admin\": expected an ARN of partition aws (the partition of aws:region), not aws-cn",
                "addonVersions|[\"vpc-cni\"]|vpc-lattice-multicluster:addonVersions[0]=\"vpc-cni\": expected <add-on>=<version>",
                "addonVersions|[\"vpc-cni=v1.20.4-eksbuild.2\",\"vpc-cni=v1.20.5-eksbuild.1\"]|vpc-lattice-multicluster:addonVersions=\"vpc-cni=v1.20.5-eksbuild.1\": pins vpc-cni a second time",
                "availabilityZoneCount|1|vpc-lattice-multicluster:availabilityZoneCount=\"1\": expected an integer from 2 to 6",
                "availabilityZoneCount|three|vpc-lattice-multicluster:availabilityZoneCount=\"three\": expected an integer from 2 to 6",
                "natGateways|many|vpc-lattice-multicluster:natGateways=\"many\": expected one of single, perZone",
                "kubernetesVersion|1.30|vpc-lattice-multicluster:kubernetesVersion=\"1.30\": expected an EKS Kubernetes version 1.31 or later",
                "kubernetesVersion|latest|vpc-lattice-multicluster:kubernetesVersion=\"latest\": expected an EKS Kubernetes version 1.31 or later",
                "nodeInstanceTypes|[\"large\"]|vpc-lattice-multicluster:nodeInstanceTypes[0]=\"large\": expected an EC2 instance type such as m5.large",
                "nodeInstanceTypes|[]|vpc-lattice-multicluster:nodeInstanceTypes=\"[]\": expected at least one instance type",
                "nodeInstanceTypes|[\"m5.large\",\"m7g.large\"]|vpc-lattice-multicluster:nodeInstanceTypes=\"[\"m5.large\",\"m7g.large\"]\": mixes arm64 (m7g.large) and x86_64 (m5.large) instance types",
                "nodeInstanceType|m5.large|vpc-lattice-multicluster:nodeInstanceType=\"m5.large\": replaced by nodeInstanceTypes, a list of instance types",
                "addonVersions|[\"vpc-cni=v1.15.4-eksbuild.1\"]|vpc-lattice-multicluster:addonVersions=\"vpc-cni=v1.15.4-eksbuild.1\": expected vpc-cni v1.15.5-eksbuild.1 or later",
                "flowLogRetentionDays|10|vpc-lattice-multicluster:flowLogRetentionDays=\"10\": expected one of 1, 3, 5, 7, 14, 30",
                "endpointPublicAccess|no|vpc-lattice-multicluster:endpointPublicAccess=\"no\": expected true or false",
                "interfaceEndpoints|1|vpc-lattice-multicluster:interfaceEndpoints=\"1\": expected true or false",
                "nodeMaxSize|2|vpc-lattice-multicluster:nodeMinSize=3, vpc-lattice-multicluster:nodeDesiredSize=3, vpc-lattice-multicluster:nodeMaxSize=2: expected nodeMinSize <= nodeDesiredSize <= nodeMaxSize",
                "clusterAdminArn|arn:aws:sts::123456789012:assumed-role/Admin/jane|vpc-lattice-multicluster:clusterAdminArn=\"arn:aws:sts::123456789012:assumed-role/Admin/jane\": expected an IAM role or user ARN, not an STS session: use arn:aws:iam::123456789012:role/Admin",
                "clusterAdminArn|admin|vpc-lattice-multicluster:clusterAdminArn=\"admin\": expected an IAM role or user ARN such as arn:aws:iam::123456789012:role/Admin",
                "endpointPublicAccessCidrs|[\"203.0.113.0/33\"]|vpc-lattice-multicluster:endpointPublicAccessCidrs[0]=\"203.0.113.0/33\": expected an IPv4 CIDR such as 203.0.113.0/24",
                "endpointPublicAccessCidrs|[]|vpc-lattice-multicluster:endpointPublicAccessCidrs=\"[]\": expected at least one CIDR",
                "controlPlaneLogTypes|[\"api\",\"audits\"]|vpc-lattice-multicluster:controlPlaneLogTypes[1]=\"audits\": expected one of api, audit, authenticator, controllerManager, scheduler",
                "controlPlaneLogTypes|api|vpc-lattice-multicluster:controlPlaneLogTypes=\"api\": expected a list of strings",
                "allowedCallers|[\"cluster9/apps\"]|vpc-lattice-multicluster:allowedCallers[0]=\"cluster9/apps\": expected a cluster stack of this project (cluster1, cluster2): add Pulumi.cluster9.yaml or fix the name",
                "allowedCallers|[\"cluster2\"]|vpc-lattice-multicluster:allowedCallers[0]=\"cluster2\": expected <cluster stack>/<namespace>, such as cluster2/apps",
                "allowedCallers|[\"cluster2/Apps\"]|vpc-lattice-multicluster:allowedCallers[0]=\"cluster2/Apps\": expected a Kubernetes namespace name",
                "allowedCallers|[\"cluster2/apps\",\"cluster2/apps\"]|vpc-lattice-multicluster:allowedCallers[1]=\"cluster2/apps\": listed twice; remove the duplicate",
                "allowedCallers|[{\"cluster\":\"cluster2\"}]|vpc-lattice-multicluster:allowedCallers[0]={\"cluster\":\"cluster2\"}: expected a string",
                "httpListener|yes|vpc-lattice-multicluster:httpListener=\"yes\": expected true or false",
                "gatewayApiVersion|v1.4.0|vpc-lattice-multicluster:gatewayApiVersion=\"v1.4.0\": expected a pinned Gateway API release: v1.5.1",
                "gatewayControllerChartVersion|v1.0.5|vpc-lattice-multicluster:gatewayControllerChartVersion=\"v1.0.5\": expected v2.1.0 or later",
                "gatewayControllerChartVersion|2.1.3|vpc-lattice-multicluster:gatewayControllerChartVersion=\"2.1.3\": expected a chart version such as v2.1.3",
                "externalDnsChartVersion|latest|vpc-lattice-multicluster:externalDnsChartVersion=\"latest\": expected a chart version such as 1.21.1",
                "demoImage|not an image|vpc-lattice-multicluster:demoImage=\"not an image\": expected a container image reference",
                "aws:region|Europe|aws:region=\"Europe\": expected an AWS region name such as eu-west-1",
                "environmentName|VPC_Lattice|vpc-lattice-multicluster:environmentName=\"VPC_Lattice\": expected lowercase letters, digits and single hyphens",
                "accountId|21098765432|vpc-lattice-multicluster:accountId=\"21098765432\": expected a 12-digit AWS account id, or empty for the environment's account",
                "accountId|arn:aws:iam::210987654321:root|vpc-lattice-multicluster:accountId=\"arn:aws:iam::210987654321:root\": expected a 12-digit AWS account id",
            })
    void badClusterValueIsNamedWithWhatIsExpected(String key, String value, String expected) {
        String message = error("cluster1", Map.of(key, value));
        assertTrue(message.startsWith("invalid configuration: " + expected), message);
        assertFalse(message.contains("\n"), "one line");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "domain||vpc-lattice-multicluster:domain=\"\": expected a lowercase DNS domain",
                "certificateAuthorityArn|arn:aws-us-gov:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012|vpc-lattice-multicluster:certificateAuthorityArn=\"arn:aws-us-gov:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012\": expected an ARN of partition aws",
                "domain|Example.COM|vpc-lattice-multicluster:domain=\"Example.COM\": expected a lowercase DNS domain",
                "domain|localhost|vpc-lattice-multicluster:domain=\"localhost\": expected a lowercase DNS domain with at least two labels",
                "organization|'   '|vpc-lattice-multicluster:organization=\"   \": expected 1 to 64 bytes of printable text",
                "serviceNetworkName|sn-mesh|vpc-lattice-multicluster:serviceNetworkName=\"sn-mesh\": expected 3 to 63 lowercase letters",
                "serviceNetworkName|ab|vpc-lattice-multicluster:serviceNetworkName=\"ab\": expected 3 to 63 lowercase letters",
                "clientNamespaces|[]|vpc-lattice-multicluster:clientNamespaces=\"[]\": expected at least one namespace",
                "sharedWith|[\"21098765432\"]|vpc-lattice-multicluster:sharedWith[0]=\"21098765432\": expected a 12-digit AWS account id, an organization ARN",
                "sharedWith|[\"arn:aws:organizations::111111111111:organization/abc\"]|vpc-lattice-multicluster:sharedWith[0]=\"arn:aws:organizations::111111111111:organization/abc\": expected a 12-digit AWS account id",
                "sharedWith|210987654321|vpc-lattice-multicluster:sharedWith=\"210987654321\": expected a list of strings",
                "accessLogRetentionDays|10|vpc-lattice-multicluster:accessLogRetentionDays=\"10\": expected one of 1, 3, 5, 7, 14, 30",
                "accessLogRetentionDays|0|vpc-lattice-multicluster:accessLogRetentionDays=\"0\": expected an integer from 1 to 3653",
                "clientNamespaces|[\"Apps\"]|vpc-lattice-multicluster:clientNamespaces[0]=\"Apps\": expected a Kubernetes namespace name",
                "certificateAuthorityArn|arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555|vpc-lattice-multicluster:certificateAuthorityArn=\"arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555\": expected a CA in eu-west-1",
                "certificateAuthorityArn|my-ca|vpc-lattice-multicluster:certificateAuthorityArn=\"my-ca\": expected an AWS Private CA ARN",
                "caDeletionWindowDays|3|vpc-lattice-multicluster:caDeletionWindowDays=\"3\": expected an integer from 7 to 30",
            })
    void badEnvironmentValueIsNamedWithWhatIsExpected(String key, String value, String expected) {
        String message = error("environment", Map.of(key, value == null ? "" : value));
        assertTrue(message.startsWith("invalid configuration: " + expected), message);
    }

    @Test
    void aClusterStackNameMustFitEveryNameBuiltFromIt() {
        var stacks = new ProjectStacks("environment", List.of("Cluster_1"));
        ConfigSource empty = source(Map.of());
        String message = assertThrows(
                        ConfigException.class,
                        () -> ConfigLoader.load(empty, OfflinePlanner.ORGANIZATION, PROJECT, "Cluster_1", stacks))
                .getMessage();
        assertTrue(
                message.startsWith("invalid configuration: stack name \"Cluster_1\": expected lowercase letters"),
                message);
        assertTrue(message.contains("at most 15 characters"), message);
        assertTrue(assertThrows(
                        ConfigException.class,
                        () -> ConfigLoader.load(
                                empty, OfflinePlanner.ORGANIZATION, PROJECT, "a-very-long-cluster-name", stacks))
                .getMessage()
                .contains("at most 15 characters"));
    }

    @Test
    void allProblemsAreReportedTogetherOnOneLine() {
        var exception = assertThrows(
                ConfigException.class,
                () -> load("cluster1", Map.of("vpcCidr", "nope", "natGateways", "two", "nodeMinSize", "-1")));
        assertEquals(3, exception.problems().size());
        assertTrue(exception.getMessage().startsWith("invalid configuration (3 problems): "), exception.getMessage());
        assertFalse(exception.getMessage().contains("\n"));
    }

    @Test
    void aKeyTheStackWouldIgnoreIsRefusedUnlessItIsTheDefault() {
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:vpcCidr=\"10.1.0.0/16\": read only by cluster stacks, so stack"
                        + " environment would ignore it; set it in the clusters' Pulumi.<stack>.yaml instead",
                error("environment", Map.of("vpcCidr", "10.1.0.0/16")));
        assertTrue(
                error("cluster1", Map.of("domain", "example.internal"))
                        .contains(
                                "vpc-lattice-multicluster:domain=\"example.internal\": read only by the environment stack, so stack cluster1 would ignore it"));
        assertTrue(error("cluster1", Map.of("clientNamespaces", "[\"apps\",\"jobs\"]"))
                .contains("clientNamespaces"));
        // The CLI hands every stack the project defaults, so those are never a mistake.
        assertInstanceOf(
                EnvironmentStackConfig.class,
                load("environment", Map.of("vpcCidr", "10.0.0.0/16", "allowedCallers", "[]")));
        assertInstanceOf(
                ClusterStackConfig.class,
                load("cluster1", Map.of("domain", "vpc-lattice-octank.io", "clientNamespaces", "[\"apps\"]")));
    }

    @Test
    void aKeyThisProjectDoesNotDeclareIsATypo() {
        assertEquals(
                "invalid configuration: vpc-lattice-multicluster:vpcCdir: not a configuration key of this project"
                        + " (did you mean vpcCidr?); the keys are listed in Pulumi.yaml",
                error("cluster1", Map.of("vpcCdir", "10.1.0.0/16")));
        assertInstanceOf(
                ClusterStackConfig.class,
                load("cluster1", Map.of("aws:profile", "dev")),
                "other namespaces are not ours");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            vpc-lattice-mutlicluster:vpcCidr  | vpc-lattice-multicluster:vpcCidr
            vpc-lattice-multicluter:vpcCidr   | vpc-lattice-multicluster:vpcCidr
            vpc_lattice_multicluster:vpcCidr  | vpc-lattice-multicluster:vpcCidr
            VPC-Lattice-Multicluster:vpcCidr  | vpc-lattice-multicluster:vpcCidr
            vpc-lattice-mutlicluster:vpcCdir  | vpc-lattice-multicluster:vpcCidr
            vpc-lattice-mutlicluster:x        | vpc-lattice-multicluster:x
            """)
    void aNamespaceThatIsTheProjectsMisspeltIsRefused(String key, String meant) {
        assertEquals(
                "invalid configuration: " + key + "=\"10.1.0.0/16\": namespace " + key.substring(0, key.indexOf(':'))
                        + " is neither this project's nor a provider's, so nothing reads this value (did you mean "
                        + meant + "?)",
                error("cluster1", Map.of(key, "10.1.0.0/16")));
    }

    @ParameterizedTest
    @CsvSource({
        "aws:region, eu-west-1",
        "kubernetes:context, x",
        "pulumi:disable-default-providers, '[]'",
        "vpclattice:vpcCidr, 10.1.0.0/16",
        "random:seed, 1"
    })
    void aProviderNamespaceOrOneFarFromTheProjectsIsNotOurs(String key, String value) {
        assertInstanceOf(ClusterStackConfig.class, load("cluster1", Map.of(key, value)));
    }

    @ParameterizedTest(name = "admin {0}, assumed role {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            none                                            | arn:aws:iam::210987654321:role/deployer | true
            arn:aws:iam::210987654321:role/deployer         | arn:aws:iam::210987654321:role/deployer | true
            arn:aws:iam::210987654321:role/eks-admin        | arn:aws:iam::210987654321:role/deployer | false
            """)
    void anExternalIdTheKubeconfigCannotSendIsRefused(String admin, String role, boolean refused) {
        var values = new HashMap<String, String>(
                Map.of("aws:assumeRole", "{\"externalId\":\"shared-secret\",\"roleArn\":\"" + role + "\"}"));
        if (admin != null) {
            values.put("clusterAdminArn", admin);
        }
        String message = "invalid configuration: aws:assumeRole.externalId is set for " + role + ", and the kubeconfig"
                + " would assume that role with aws eks get-token --role-arn, which sends no external id, so the"
                + " Kubernetes provider could not reach the cluster; set vpc-lattice-multicluster:clusterAdminArn to"
                + " a role your credentials may assume without an external id, or replace aws:assumeRole with"
                + " aws:profile naming an AWS CLI profile that has role_arn, external_id and source_profile (the"
                + " provider and the kubeconfig both use it)";
        if (refused) {
            assertEquals(message, error("cluster1", values));
        } else {
            assertInstanceOf(ClusterStackConfig.class, load("cluster1", values));
        }
        assertInstanceOf(
                EnvironmentStackConfig.class,
                load("environment", Map.of("aws:assumeRole", values.get("aws:assumeRole"))),
                "the environment talks to no cluster");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "vpcCidr   | '[\"10.0.0.0/16\"]'    | expected a string, not a list",
                "demoImage | '{\"repository\":\"x\"}' | expected a string, not a map"
            })
    void aListOrMapForAStringKeyIsRefused(String key, String value, String expected) {
        String message = error("cluster1", Map.of(key, value));
        assertTrue(message.contains(key + "=\"" + value + "\": " + expected), message);
    }

    @ParameterizedTest
    @CsvSource({
        "nginx:1.27",
        "library/nginx",
        "public.ecr.aws/seb-demo/http-server:latest",
        "localhost:5000/team/app:v1",
        "registry.example.com/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    })
    void imageReferencesWithOrWithoutARegistryHost(String image) {
        var cluster = assertInstanceOf(ClusterStackConfig.class, load("cluster1", Map.of("demoImage", image)));
        assertEquals(image, cluster.demo().appImage());
    }

    @Test
    void addonPinsAreReadByAddon() {
        var cluster = assertInstanceOf(
                ClusterStackConfig.class,
                load("cluster1", Map.of("addonVersions", "[\"coredns=v1.12.3-eksbuild.1\"]")));
        assertEquals(Map.of("coredns", "v1.12.3-eksbuild.1"), cluster.eks().addonVersions());
    }
}
