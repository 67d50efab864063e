package io.vpclattice.multicluster.limits;

import io.vpclattice.multicluster.naming.Octets;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What AWS and the provider allow for the other names the stacks build from config: log groups, the EKS cluster, the
 * KMS alias, the security group, the launch template's description, Route 53 Profiles names and tags. Files named
 * are those of terraform-provider-aws {@code internal/service/}; the API limits are those of the AWS API references.
 */
public final class ResourceNames {
    private ResourceNames() {}

    /** CloudWatch Logs CreateLogGroup: 1 to 512, {@code [\.\-_/#A-Za-z0-9]+}; provider logs/validate.go validLogGroupName. */
    public static final int LOG_GROUP_NAME_MAX = 512;

    private static final Pattern LOG_GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]+");

    /** EKS CreateCluster name: 1 to 100, {@code ^[0-9A-Za-z][A-Za-z0-9\-_]*}; provider eks/validate.go validClusterName. */
    public static final int EKS_CLUSTER_NAME_MAX = 100;

    private static final Pattern EKS_CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]*");

    /**
     * KMS CreateAlias AliasName: 1 to 256, {@code ^[a-zA-Z0-9:/_-]+$}; provider kms/validate.go validNameForResource:
     * {@code ^alias/[0-9A-Za-z_/-]+$}, not {@code alias/aws/}.
     */
    public static final int KMS_ALIAS_MAX = 256;

    private static final Pattern KMS_ALIAS = Pattern.compile("alias/(?!aws/)[0-9A-Za-z_/-]+");

    /**
     * EC2 CreateSecurityGroup GroupName and Description: up to 255 characters of {@code a-z, A-Z, 0-9, spaces, and
     * ._-:/()#,@[]+=&;{}!$*}, a name not starting with {@code sg-}; provider ec2/vpc_security_group.go: {@code
     * StringLenBetween(0, 255)} (bytes) and {@code ^sg-} refused. EC2 CreateLaunchTemplate's description: provider
     * ec2/ec2_launch_template.go {@code StringLenBetween(0, 255)}.
     */
    public static final int EC2_TEXT_MAX = 255;

    private static final Pattern EC2_TEXT = Pattern.compile("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]*");

    /**
     * Route 53 Profiles CreateProfile, AssociateProfile and AssociateResourceToProfile Name: 0 to 64, {@code
     * ^(?!^[0-9]+$)([a-zA-Z0-9\-_' ']+)$}. The provider (route53profiles/*.go) has no validator.
     */
    public static final int ROUTE53_PROFILE_NAME_MAX = 64;

    private static final Pattern ROUTE53_PROFILE_NAME = Pattern.compile("(?![0-9]+$)[a-zA-Z0-9\\-_' ]+");

    /**
     * Tags: key 1 to 128, value 0 to 256 (IAM quotas; EC2 and Lattice TagKey/TagValue), in the characters IAM allows,
     * {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]} (IAM tagKeyType, tagValueType): every resource here is tagged alike, IAM roles
     * too. The {@code aws:} prefix is reserved for AWS. The provider's tags schema has no validator.
     */
    public static final int TAG_KEY_MAX = 128;

    public static final int TAG_VALUE_MAX = 256;

    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public static Optional<String> logGroupName(String name) {
        return check(
                name.length() <= LOG_GROUP_NAME_MAX
                        && LOG_GROUP_NAME.matcher(name).matches(),
                "a CloudWatch log group name of 1 to " + LOG_GROUP_NAME_MAX + " letters, digits and ._-/#",
                name);
    }

    public static Optional<String> eksClusterName(String name) {
        return check(
                name.length() <= EKS_CLUSTER_NAME_MAX
                        && EKS_CLUSTER_NAME.matcher(name).matches(),
                "an EKS cluster name of 1 to " + EKS_CLUSTER_NAME_MAX
                        + " letters, digits, _ and -, starting with a letter or digit",
                name);
    }

    public static Optional<String> kmsAlias(String name) {
        return check(
                name.length() <= KMS_ALIAS_MAX && KMS_ALIAS.matcher(name).matches(),
                "a KMS alias of at most " + KMS_ALIAS_MAX + " characters, alias/ then letters, digits, _, / and -",
                name);
    }

    public static Optional<String> securityGroupName(String name) {
        return check(
                !name.startsWith("sg-") && ec2Text(name),
                "a security group name of at most " + EC2_TEXT_MAX + " characters the EC2 API allows, not starting"
                        + " with sg-",
                name);
    }

    /** Security group and launch template descriptions. */
    public static Optional<String> ec2Description(String description) {
        return check(
                ec2Text(description),
                "an EC2 description of at most " + EC2_TEXT_MAX + " characters the EC2 API allows",
                description);
    }

    public static Optional<String> route53ProfileName(String name) {
        return check(
                name.length() <= ROUTE53_PROFILE_NAME_MAX
                        && ROUTE53_PROFILE_NAME.matcher(name).matches(),
                "a Route 53 Profiles name of at most " + ROUTE53_PROFILE_NAME_MAX
                        + " letters, digits, spaces, ', _ and -, not all digits",
                name);
    }

    public static Optional<String> tag(String key, String value) {
        if (key.isEmpty()
                || key.length() > TAG_KEY_MAX
                || key.startsWith("aws:")
                || !TAG_TEXT.matcher(key).matches()) {
            return Optional.of("expected a tag key of 1 to " + TAG_KEY_MAX
                    + " letters, digits, spaces and _.:/=+-@, not starting with aws:, not \"" + key + "\"");
        }
        return check(
                value.length() <= TAG_VALUE_MAX && TAG_TEXT.matcher(value).matches(),
                "a value of tag " + key + " of at most " + TAG_VALUE_MAX + " letters, digits, spaces and _.:/=+-@",
                value);
    }

    private static boolean ec2Text(String text) {
        return Octets.of(text) <= EC2_TEXT_MAX && EC2_TEXT.matcher(text).matches();
    }

    private static Optional<String> check(boolean valid, String expected, String value) {
        return valid
                ? Optional.empty()
                : Optional.of("expected " + expected + ", not \"" + value + "\" (" + value.length() + " characters)");
    }
}
