package io.vpclattice.multicluster.eks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who administers a cluster and how Pulumi reaches it. With API authentication and no bootstrap admin, the one
 * access entry is the only way in, and the Kubernetes provider authenticates with {@code aws eks get-token} as
 * whoever runs Pulumi unless the kubeconfig assumes a role. So:
 * <ul>
 *   <li>{@code clusterAdminArn} a role: the entry names the role and every kubeconfig assumes it
 *       ({@code --role-arn}), so a person and CI, each allowed to assume it, reach the cluster with nothing in
 *       the stack depending on who ran last;</li>
 *   <li>a user: the entry names the user, who must be the one running Pulumi (a user cannot be assumed);</li>
 *   <li>empty: the entry names the identity that created the cluster and keeps it
 *       ({@link #principalFromCaller}: later runs by others do not replace it; they need {@code clusterAdminArn}).</li>
 * </ul>
 *
 * @param principalArn        the IAM role or user of the access entry
 * @param assumeRoleArn       the role the kubeconfig assumes, if any
 * @param awsProfile          the AWS CLI profile the kubeconfig's token command uses ({@code aws:profile}), if
 *                            the stack names one: a stack of another account has credentials of its own
 * @param principalFromCaller the entry was taken from the caller: keep the first one
 * @param warnings            what may still stop the run, said before anything is created
 */
public record ClusterAccess(
        String principalArn,
        Optional<String> assumeRoleArn,
        Optional<String> awsProfile,
        boolean principalFromCaller,
        List<String> warnings) {

    public ClusterAccess {
        warnings = List.copyOf(warnings);
    }

    /**
     * Why the configured admin cannot work for this caller: a user other than the caller, whom the cluster would
     * refuse on every Kubernetes call, since a user cannot be assumed.
     *
     * @param callerPrincipalArn the IAM role behind the caller's session, or the caller's user ARN
     */
    public static Optional<String> refusal(
            Optional<String> clusterAdminArn, String callerPrincipalArn, String configKey) {
        return clusterAdminArn
                .filter(admin -> isUser(admin) && !admin.equals(callerPrincipalArn))
                .map(admin -> configKey + "=\"" + admin + "\": an IAM user is not assumable, and pulumi runs as "
                        + callerPrincipalArn
                        + ", which the cluster would refuse (401 on every Kubernetes object); run pulumi as "
                        + "that user, or name a role that both may assume");
    }

    /**
     * Why the kubeconfig cannot get a token: it would assume the role the stack's AWS provider assumes with an
     * external id, and {@code aws eks get-token --role-arn} sends none (aws/aws-cli
     * {@code awscli/customizations/eks/get_token.py}, {@code STSClientFactory._get_role_credentials}: only
     * {@code RoleArn} and {@code RoleSessionName}), so a trust policy that requires {@code sts:ExternalId} refuses
     * it and the Kubernetes provider cannot reach the cluster. The kubeconfig assumes the provider's role when no
     * admin role is configured (the admin entry is then the provider's role), or when the admin role is that role.
     *
     * @param assumeRoleArn the role of {@code aws:assumeRole}, if any
     * @param externalId    its {@code externalId}, if set
     */
    public static Optional<String> externalIdProblem(
            Optional<String> clusterAdminArn,
            Optional<String> assumeRoleArn,
            Optional<String> externalId,
            String adminKey) {
        if (externalId.isEmpty() || assumeRoleArn.isEmpty()) {
            return Optional.empty();
        }
        String role = assumeRoleArn.get();
        boolean kubeconfigAssumesIt =
                clusterAdminArn.isEmpty() || clusterAdminArn.get().equals(role);
        if (!kubeconfigAssumesIt) {
            return Optional.empty();
        }
        return Optional.of("aws:assumeRole.externalId is set for " + role + ", and the kubeconfig would assume that"
                + " role with aws eks get-token --role-arn, which sends no external id, so the Kubernetes provider"
                + " could not reach the cluster; set " + adminKey + " to a role your credentials may assume without"
                + " an external id, or replace aws:assumeRole with aws:profile naming an AWS CLI profile that has"
                + " role_arn, external_id and source_profile (the provider and the kubeconfig both use it)");
    }

    /** The access of a configuration that {@link #refusal} accepts. */
    public static ClusterAccess decide(Optional<String> clusterAdminArn, String callerPrincipalArn) {
        if (clusterAdminArn.isEmpty()) {
            return new ClusterAccess(callerPrincipalArn, Optional.empty(), Optional.empty(), true, List.of());
        }
        String admin = clusterAdminArn.get();
        var warnings = new ArrayList<String>();
        if (isUser(admin)) {
            return new ClusterAccess(admin, Optional.empty(), Optional.empty(), false, warnings);
        }
        if (admin.equals(callerPrincipalArn)) {
            warnings.add("pulumi runs as " + admin
                    + " itself, and the kubeconfig assumes it (aws eks get-token --role-arn):"
                    + " its trust policy must allow " + admin + " (a role does not trust itself); otherwise every"
                    + " Kubernetes object fails with AccessDenied on sts:AssumeRole");
        }
        return new ClusterAccess(admin, Optional.of(admin), Optional.empty(), false, warnings);
    }

    /**
     * The same access, with the kubeconfig getting its tokens as the stack's provider does: with its profile, and,
     * when no admin role is configured, as the role the provider assumes, which is then the admin entry's
     * principal (the caller).
     */
    public ClusterAccess withProviderCredentials(ProviderCredentials provider) {
        return new ClusterAccess(
                principalArn,
                assumeRoleArn.or(() -> principalFromCaller ? provider.assumeRoleArn() : Optional.empty()),
                provider.profile(),
                principalFromCaller,
                warnings);
    }

    private static boolean isUser(String principalArn) {
        return principalArn.contains(":user/");
    }
}
