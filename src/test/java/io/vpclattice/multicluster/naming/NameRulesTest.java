package io.vpclattice.multicluster.naming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule at its limit passes and one past it fails; lengths counted as the provider counts them. */
class NameRulesTest {

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    /** {@code n} characters of domain ending in {@code .io}. */
    private static String domainOf(int n) {
        return repeat("a", n - 3) + ".io";
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "eu-west-1, true",
        "us-gov-west-1, true",
        "cn-northwest-1, true",
        "eusc-de-east-1, true",
        "us-isof-south-1, true",
        "eu-west-9, false",
        "'eu-west-1 ', false",
        "EU-WEST-1, false",
        "aws-global, false",
        "mars-north-1, false",
        "'', false"
    })
    void aRegionIsOneSomePartitionHas(String region, boolean valid) {
        assertEquals(valid, NameRules.region(region).isEmpty(), region);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "eu-west-9, eu-west-1",
        "us-east-3, us-east-1",
        "EU-WEST-1, eu-west-1",
        "euwest1, eu-west-1",
        "eu-centrl-1, eu-central-1",
        "us-gov-west-9, us-gov-west-1"
    })
    void aNearMissNamesTheNearestRegion(String typed, String nearest) {
        assertEquals(
                Optional.of(
                        "expected an AWS region name such as eu-west-1, of a region an AWS partition has (did you mean "
                                + nearest + "?)"),
                NameRules.region(typed));
    }

    @Test
    void aWellFormedRegionFarFromAnyListedSaysWhereTheListIs() {
        String problem = NameRules.region("zz-north-7").orElseThrow();
        assertTrue(problem.contains("AwsRegions"), problem);
        assertEquals(
                Optional.of("expected an AWS region name such as eu-west-1, of a region an AWS partition has"),
                NameRules.region("not a region"));
    }

    @Test
    void nearMissesAreAtMostTwoEditsAway() {
        assertEquals(Optional.of("eu-west-1"), AwsRegions.nearest("e-wst-1"));
        assertEquals(Optional.empty(), AwsRegions.nearest("e-wst-9x"));
        assertEquals(2, Edits.distance("euwest1", "eu-west-1"));
        assertEquals(3, Edits.distance("abc", ""));
        assertEquals(3, Edits.distance("", "abc"));
        assertEquals(1, Edits.distance("eu-west-9", "eu-west-1"));
        assertEquals(0, Edits.distance("eu-west-1", "eu-west-1"));
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
        "eu-west-1, aws",
        "cn-north-1, aws-cn",
        "us-gov-east-1, aws-us-gov",
        "us-iso-east-1, aws-iso",
        "us-isob-east-1, aws-iso-b",
        "us-isof-east-1, aws-iso-f",
        "eu-isoe-west-1, aws-iso-e",
        "eusc-de-east-1, aws-eusc",
        // Not listed yet: the partitions' regionRegex decides.
        "cn-south-9, aws-cn",
        "us-gov-north-9, aws-us-gov",
        "us-iso-north-9, aws-iso",
        "us-isob-north-9, aws-iso-b",
        "us-isof-north-9, aws-iso-f",
        "eu-isoe-north-9, aws-iso-e",
        "eusc-fr-west-9, aws-eusc",
        "ap-north-9, aws"
    })
    void thePartitionOfARegion(String region, String partition) {
        assertEquals(partition, Partition.ofRegion(region));
        assertEquals(region.endsWith("-9") ? Optional.empty() : Optional.of(partition), AwsRegions.partitionOf(region));
    }

    @Test
    void aDomainHasAtMost64Octets() {
        assertEquals(64, domainOf(64).length());
        assertEquals(Optional.empty(), NameRules.domain(domainOf(64)));
        String problem = NameRules.domain(domainOf(65)).orElseThrow();
        assertTrue(problem.contains("at most 64 characters, not 65"), problem);
        assertTrue(NameRules.domain(domainOf(200)).isPresent());
        assertTrue(NameRules.domain(domainOf(201)).isPresent());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "vpc-lattice-octank.io, true",
        "a.io, true",
        "a.b.c.d.e, false",
        "example.x, false",
        "example.xy, true",
        "example.123, true",
        "example.io., false",
        "io, false",
        "Example.io, false",
        "-a.io, false",
        "a-.io, false",
        "a..io, false",
        "'', false",
        "*.example.io, false",
        "exämple.io, false"
    })
    void aDomainIsLowercaseLabelsWithALastLabelOfTwoOrMore(String domain, boolean valid) {
        assertEquals(valid, NameRules.domain(domain).isEmpty(), domain);
    }

    @Test
    void aDomainLabelHasAtMost63Characters() {
        assertEquals(Optional.empty(), NameRules.domain(repeat("a", 60) + ".io"));
        assertEquals(Optional.empty(), NameRules.domain("io." + repeat("a", 61)));
        assertTrue(NameRules.domain(repeat("a", 63) + ".io").isPresent(), "66 characters");
    }

    @Test
    void theOrganizationCountsBytesNotCharacters() {
        assertEquals(Optional.empty(), NameRules.organization(repeat("o", 64)));
        assertTrue(NameRules.organization(repeat("o", 65)).isPresent());
        // Ö is two bytes in UTF-8: 32 fit, 33 do not, and the issue's 40 (80 bytes) are refused.
        assertEquals(Optional.empty(), NameRules.organization(repeat("Ö", 32)));
        String problem = NameRules.organization(repeat("Ö", 33)).orElseThrow();
        assertTrue(problem.contains("not 66 (33 characters"), problem);
        assertTrue(NameRules.organization(repeat("Ö", 40)).isPresent());
        // A character outside the BMP is four bytes.
        assertEquals(Optional.empty(), NameRules.organization(repeat("😀", 16)));
        assertTrue(NameRules.organization(repeat("😀", 16) + "o").isPresent());
        assertEquals(Optional.empty(), NameRules.organization("o"));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource({"''", "'   '", "'Octank\u0007'", "'Oc\ttank'"})
    void theOrganizationIsPrintable(String organization) {
        assertTrue(NameRules.organization(organization).isPresent());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "lattice-gateway, true",
        "abc, true",
        "ab, false",
        "servicenetwork-gw, false",
        "servicenetwork, true",
        "my-servicenetwork-gw, true",
        "sn-gateway, false",
        "snx, true",
        "a--b, false",
        "-ab, false",
        "ab-, false",
        "Lattice, false",
        "lattice_gw, false"
    })
    void serviceNetworkNamesAsLatticeAllowsThemWithoutReservedPrefixes(String name, boolean valid) {
        assertEquals(valid, NameRules.serviceNetworkName(name).isEmpty(), name);
    }

    @Test
    void aServiceNetworkNameHasAtMost63Characters() {
        assertEquals(Optional.empty(), NameRules.serviceNetworkName(repeat("a", 63)));
        assertTrue(NameRules.serviceNetworkName(repeat("a", 64)).isPresent());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "nginx, true",
        "nginx:1.27, true",
        "public.ecr.aws/seb-demo/http-server:latest, true",
        "registry.example.org:5000/team/app:v1, true",
        "localhost/app, true",
        "Nginx, false",
        "nginx:, false",
        "nginx:-x, false",
        "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true",
        "app:v1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true",
        "app@sha256:0123, false",
        "'', false"
    })
    void imageReferencesFollowTheDistributionGrammar(String image, boolean valid) {
        assertEquals(valid, NameRules.containerImage(image).isEmpty(), image);
    }

    @Test
    void theRegistryAndRepositoryHaveAtMost255Characters() {
        String host = "registry.example.org:5000/";
        String at255 = host + repeat("a", 255 - host.length());
        assertEquals(Optional.empty(), NameRules.containerImage(at255 + ":v1"));
        String problem = NameRules.containerImage(at255 + "a:v1").orElseThrow();
        assertTrue(problem.contains("are 256 characters; registry clients allow 255"), problem);
        assertEquals(Optional.empty(), NameRules.containerImage(repeat("a", 255)));
        assertTrue(NameRules.containerImage(repeat("a", 256)).isPresent());
    }

    @Test
    void aTagHasAtMost128Characters() {
        assertEquals(Optional.empty(), NameRules.containerImage("app:" + repeat("t", 128)));
        assertTrue(NameRules.containerImage("app:" + repeat("t", 129)).isPresent());
    }

    @Test
    void theLongestReferenceIsAcceptedAndOneOf5000IsRefusedByItsLength() {
        String digest = "@sha256:" + repeat("0", 64);
        String longest = repeat("a", 255) + ":" + repeat("t", 128) + digest;
        assertEquals(ImageReference.MAX_REFERENCE, longest.length());
        assertEquals(456, ImageReference.MAX_REFERENCE);
        assertEquals(Optional.empty(), NameRules.containerImage(longest));
        assertTrue(NameRules.containerImage(longest + "0").isPresent());
        String problem = NameRules.containerImage(repeat("a", 5000)).orElseThrow();
        assertTrue(problem.contains("at most 456 characters"), problem);
        assertFalse(problem.contains("registry host"), problem);
    }

    @Test
    void aRegistryHostLabelHasAtMost63CharactersButAPathComponentIsNotAHost() {
        assertEquals(Optional.empty(), NameRules.containerImage(repeat("h", 63) + ".example.org/app"));
        String problem =
                NameRules.containerImage(repeat("h", 64) + ".example.org/app").orElseThrow();
        assertTrue(problem.contains("label of 64 characters"), problem);
        assertTrue(NameRules.containerImage(repeat("h", 64) + ":5000/app").isPresent());
        assertEquals(Optional.empty(), NameRules.containerImage(repeat("p", 64) + "/app"));
        assertEquals("", ImageReference.host("app"));
        assertEquals("localhost", ImageReference.host("localhost/app"));
        assertEquals("r.io", ImageReference.host("r.io:5000/app"));
        assertEquals("r.io/app", ImageReference.name("r.io/app:v1@sha256:00"));
        assertEquals("r.io:5000/app", ImageReference.name("r.io:5000/app"));
    }

    @Test
    void octetsAreBytesOfUtf8() {
        assertEquals(3, Octets.of("abc"));
        assertEquals(2, Octets.of("Ö"));
        assertEquals(4, Octets.of("😀"));
        assertEquals(0, Octets.of(""));
    }

    private static final String CLUSTER_NAME_EXPECTED =
            "expected lowercase letters, digits and single hyphens, starting with a letter, at most 15 characters"
                    + " (it names the EKS cluster, Kubernetes objects, a DNS label and the Lattice service)";
    private static final String ENVIRONMENT_NAME_EXPECTED =
            "expected lowercase letters, digits and single hyphens, starting with a letter, at most 24 characters"
                    + " (IAM role names are built from it)";

    @ParameterizedTest(name = "{0} characters: {1}")
    @CsvSource({"1, true", "14, true", "15, true", "16, false", "40, false"})
    void aClusterNameHasAtMost15Characters(int length, boolean valid) {
        String name = "c" + repeat("1", length - 1);
        assertEquals(valid ? Optional.empty() : Optional.of(CLUSTER_NAME_EXPECTED), NameRules.clusterName(name));
    }

    @ParameterizedTest(name = "{0} characters: {1}")
    @CsvSource({"1, true", "23, true", "24, true", "25, false", "64, false"})
    void anEnvironmentNameHasAtMost24Characters(int length, boolean valid) {
        String name = "e" + repeat("1", length - 1);
        assertEquals(
                valid ? Optional.empty() : Optional.of(ENVIRONMENT_NAME_EXPECTED), NameRules.environmentName(name));
    }

    /** Both become parts of names AWS and Kubernetes check: a DNS-label prefix with single hyphens. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "cluster1, true",
        "a-b-c, true",
        "a--b, false",
        "-ab, false",
        "ab-, false",
        "1ab, false",
        "Cluster1, false",
        "a_b, false",
        "a.b, false",
        "'', false"
    })
    void clusterAndEnvironmentNamesAreLowercaseWithSingleHyphens(String name, boolean valid) {
        assertEquals(valid ? Optional.empty() : Optional.of(CLUSTER_NAME_EXPECTED), NameRules.clusterName(name));
        assertEquals(
                valid ? Optional.empty() : Optional.of(ENVIRONMENT_NAME_EXPECTED), NameRules.environmentName(name));
    }

    @ParameterizedTest(name = "{0} characters: {1}")
    @CsvSource({"2, false", "3, true", "63, true", "64, false"})
    void aServiceNetworkNameHas3To63CharactersAndSaysWhichPrefixesAreReserved(int length, boolean valid) {
        assertEquals(
                valid
                        ? Optional.empty()
                        : Optional.of("expected 3 to 63 lowercase letters, digits and single hyphens, not starting with"
                                + " 'servicenetwork-' or 'sn-' (reserved by VPC Lattice)"),
                NameRules.serviceNetworkName(repeat("n", length)));
    }

    @Test
    void aRegistryNameTooLongIsAbbreviatedInTheMessage() {
        String name = "registry.example.org/" + repeat("a", 240);
        assertEquals(
                Optional.of("expected a container image reference such as public.ecr.aws/org/name:tag or nginx:1.27:"
                        + " registry host and repository \"registry.example.org/aaaaaaaaaaaaaaaa...\" are 261"
                        + " characters; registry clients allow 255 (OCI distribution spec, distribution/reference)"),
                NameRules.containerImage(name + ":v1"));
    }

    @Test
    void anAccountRegionNamesThePartitionOfItsRegion() {
        assertEquals("aws", new AccountRegion("123456789012", "eu-west-1").partition());
        assertEquals("aws-cn", new AccountRegion("123456789012", "cn-north-1").partition());
        assertEquals("aws-us-gov", new AccountRegion("123456789012", "us-gov-west-1").partition());
    }

    /** A digest separator first leaves no repository to measure: the reference is malformed, not too long. */
    @Test
    void aReferenceStartingWithItsDigestIsMalformedNotTooLong() {
        assertEquals(
                Optional.of("expected a container image reference such as public.ecr.aws/org/name:tag or nginx:1.27"),
                NameRules.containerImage("@" + repeat("a", 300)));
    }
}
