package io.vpclattice.multicluster.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceNamesTest {

    @Test
    void aLogGroupNameHasAtMost512Characters() {
        assertEquals(Optional.empty(), ResourceNames.logGroupName("/" + "l".repeat(511)));
        assertTrue(ResourceNames.logGroupName("/" + "l".repeat(512)).isPresent());
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource({
        "/aws/eks/eks-cluster1/cluster, true",
        "/aws/vendedlogs/vpc-lattice/lattice-gateway, true",
        "a.b_c#d-e, true",
        "'', false",
        "with space, false",
        "colon:group, false",
        "grüppe, false"
    })
    void aLogGroupNameHasTheCharactersCloudWatchAllows(String name, boolean valid) {
        assertEquals(valid, ResourceNames.logGroupName(name).isEmpty(), name);
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource({
        "eks-cluster1, true",
        "0cluster_a-b, true",
        "-cluster, false",
        "_cluster, false",
        "clu.ster, false",
        "'', false"
    })
    void anEksClusterNameIsWhatEksAllows(String name, boolean valid) {
        assertEquals(valid, ResourceNames.eksClusterName(name).isEmpty(), name);
    }

    @Test
    void anEksClusterNameHasAtMost100Characters() {
        assertEquals(Optional.empty(), ResourceNames.eksClusterName("e".repeat(100)));
        assertTrue(ResourceNames.eksClusterName("e".repeat(101)).isPresent());
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource({
        "alias/eks-cluster1-secrets, true",
        "alias/a/b_c-d, true",
        "alias/aws/eks, false",
        "eks-secrets, false",
        "alias/, false",
        "alias/with:colon, false"
    })
    void aKmsAliasIsWhatKmsAndTheProviderAllow(String name, boolean valid) {
        assertEquals(valid, ResourceNames.kmsAlias(name).isEmpty(), name);
    }

    @Test
    void aKmsAliasHasAtMost256Characters() {
        assertEquals(Optional.empty(), ResourceNames.kmsAlias("alias/" + "k".repeat(250)));
        assertTrue(ResourceNames.kmsAlias("alias/" + "k".repeat(251)).isPresent());
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource({
        "eks-cluster1-lattice-association, true",
        "'Name with ._-:/()#,@[]+=&;{}!$*', true",
        "sg-lattice, false",
        "sgx-lattice, true",
        "tab\tname, false",
        "naïve, false"
    })
    void aSecurityGroupNameIsWhatEc2Allows(String name, boolean valid) {
        assertEquals(valid, ResourceNames.securityGroupName(name).isEmpty(), name);
    }

    @Test
    void ec2NamesAndDescriptionsHaveAtMost255Characters() {
        assertEquals(Optional.empty(), ResourceNames.securityGroupName("g".repeat(255)));
        assertTrue(ResourceNames.securityGroupName("g".repeat(256)).isPresent());
        assertEquals(Optional.empty(), ResourceNames.ec2Description("Traffic from eks-a into " + "d".repeat(231)));
        assertTrue(ResourceNames.ec2Description("d".repeat(256)).isPresent());
        assertTrue(ResourceNames.ec2Description("quote \" here").isPresent());
        assertEquals(Optional.empty(), ResourceNames.ec2Description(""));
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource({
        "vpc-lattice-ccpc-environment, true",
        "with space and ' quote_, true",
        "12345, false",
        "12345a, true",
        "dot.name, false",
        "'', false"
    })
    void aRoute53ProfilesNameIsWhatTheApiAllows(String name, boolean valid) {
        assertEquals(valid, ResourceNames.route53ProfileName(name).isEmpty(), name);
    }

    @Test
    void aRoute53ProfilesNameHasAtMost64Characters() {
        assertEquals(Optional.empty(), ResourceNames.route53ProfileName("p".repeat(64)));
        assertTrue(ResourceNames.route53ProfileName("p".repeat(65)).isPresent());
    }

    @Test
    void tagsHaveKeysOfAtMost128AndValuesOfAtMost256Characters() {
        assertEquals(Optional.empty(), ResourceNames.tag("k".repeat(128), "v".repeat(256)));
        assertTrue(ResourceNames.tag("k".repeat(129), "v").isPresent());
        assertTrue(ResourceNames.tag("k", "v".repeat(257)).isPresent());
        assertEquals(Optional.empty(), ResourceNames.tag("Name", "Ö".repeat(256)));
        assertEquals(Optional.empty(), ResourceNames.tag("Name", ""));
        assertTrue(ResourceNames.tag("", "v").isPresent());
        assertTrue(ResourceNames.tag("aws:stack", "v").isPresent());
        assertEquals(Optional.empty(), ResourceNames.tag("kubernetes.io/role/elb", "1"));
        assertTrue(ResourceNames.tag("Name", "a*b").isPresent());
        assertTrue(ResourceNames.tag("a*b", "v").isPresent());
    }
}
