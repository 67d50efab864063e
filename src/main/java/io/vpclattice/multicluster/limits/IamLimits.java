package io.vpclattice.multicluster.limits;

import io.vpclattice.multicluster.naming.Octets;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What IAM and the provider allow for the roles and policies the stacks create. Each check returns what is expected
 * when the value breaks it, with the numbers, so config validation can name the key and the value in one line.
 *
 * <p>Sizes are counted as {@code String.length()}: IAM counts characters, and policy documents may hold only
 * characters up to U+00FF, so a character is one UTF-16 unit. IAM does not count white space in inline and managed
 * policies (IAM quotas page); the trust policy's row says only "2048 characters". The policies this program writes are
 * compact JSON whose values hold no white space, so counting every character is exact for them and never more lenient
 * than IAM.
 */
public final class IamLimits {
    private IamLimits() {}

    /**
     * IAM quotas, "IAM and STS character quotas": Role name, 64 characters; CreateRole RoleName: 1 to 64, {@code
     * [\w+=,.@-]+}; terraform-provider-aws internal/service/iam/role.go: {@code validResourceName(roleNameMaxLen)}
     * with {@code roleNameMaxLen = 64} and {@code ^[\w+=,.@-]*$} (iam/validate.go).
     */
    public static final int ROLE_NAME_MAX = 64;

    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]+");

    /**
     * CreateRole Description: at most 1,000, tab, line feed, carriage return, U+0020 to U+007E and U+00A1 to U+00FF; the provider
     * (iam/role.go {@code description}): {@code StringLenBetween(0, 1000)}, in bytes, and no {@code “} or {@code ‘}.
     */
    public static final int ROLE_DESCRIPTION_MAX = 1000;

    private static final Pattern ROLE_DESCRIPTION = Pattern.compile("[\\t\\n\\r\\x20-\\x7E\\xA1-\\xFF]*");

    /**
     * IAM quotas, "Role trust policy length": 2,048 characters by default (the quota can be raised to 4,096, which
     * this program does not assume). The provider checks only that the trust policy is JSON.
     */
    public static final int TRUST_POLICY_MAX = 2048;

    /**
     * IAM quotas, inline policies: "the total aggregate policy size (the sum size of all inline policies) per entity"
     * of a role cannot exceed 10,240 characters.
     */
    public static final int ROLE_INLINE_POLICIES_MAX = 10_240;

    /** IAM name requirements: policy documents hold only tab, line feed, carriage return and U+0020 to U+00FF. */
    private static final Pattern POLICY_CHARACTERS = Pattern.compile("[\\t\\n\\r\\x20-\\xFF]*");

    public static Optional<String> roleName(String name) {
        if (name.length() > ROLE_NAME_MAX || !ROLE_NAME.matcher(name).matches()) {
            return Optional.of("expected an IAM role name of 1 to " + ROLE_NAME_MAX
                    + " letters, digits and +=,.@_- (IAM CreateRole), not \"" + name + "\" of " + name.length()
                    + " characters");
        }
        return Optional.empty();
    }

    public static Optional<String> roleDescription(String description) {
        int octets = Octets.of(description);
        if (octets > ROLE_DESCRIPTION_MAX) {
            return Optional.of("expected a role description of at most " + ROLE_DESCRIPTION_MAX
                    + " bytes (IAM CreateRole; the provider counts bytes), not " + octets);
        }
        if (!ROLE_DESCRIPTION.matcher(description).matches()) {
            return Optional.of("expected a role description of printable Latin-1 characters (IAM CreateRole"
                    + " Description pattern), not \"" + description + "\"");
        }
        return Optional.empty();
    }

    /** @param role the role's name, for the message */
    public static Optional<String> trustPolicy(String role, String policy) {
        return characters(policy, role)
                .or(() -> policy.length() > TRUST_POLICY_MAX
                        ? Optional.of("the trust policy of role " + role + " is " + count(policy.length())
                                + " characters; IAM allows " + count(TRUST_POLICY_MAX)
                                + " (IAM quotas: role trust policy length)")
                        : Optional.empty());
    }

    /** @param policies every inline policy of the role, which IAM counts together */
    public static Optional<String> inlinePolicies(String role, Collection<String> policies) {
        int size = 0;
        for (String policy : policies) {
            Optional<String> wrong = characters(policy, role);
            if (wrong.isPresent()) {
                return wrong;
            }
            size += policy.length();
        }
        if (size > ROLE_INLINE_POLICIES_MAX) {
            return Optional.of("the inline policies of role " + role + " are " + count(size)
                    + " characters together; IAM allows " + count(ROLE_INLINE_POLICIES_MAX)
                    + " (IAM quotas: role policy size)");
        }
        return Optional.empty();
    }

    /** A size as the messages write it, {@code 2,048}. */
    static String count(int size) {
        return String.format(Locale.ROOT, "%,d", size);
    }

    private static Optional<String> characters(String policy, String role) {
        return POLICY_CHARACTERS.matcher(policy).matches()
                ? Optional.empty()
                : Optional.of("a policy of role " + role + " has a character above U+00FF, which IAM policy"
                        + " documents cannot hold (IAM name requirements)");
    }
}
