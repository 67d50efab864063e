package io.vpclattice.multicluster.limits;

import io.vpclattice.multicluster.naming.Octets;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What VPC Lattice allows for the names and auth policies this program makes it create, directly (the service
 * network's auth policy) or through the AWS Gateway API Controller (services and their auth policies). The service
 * network's own name is {@link io.vpclattice.multicluster.naming.NameRules#serviceNetworkName}.
 */
public final class LatticeLimits {
    private LatticeLimits() {}

    /**
     * VPC Lattice quotas: "Auth policy size, 10 Kilobytes, not adjustable"; PutAuthPolicy's policy had a length
     * constraint of 0 to 10,000 in the API reference (36,864 in later API models). The strictest: 10,000 bytes. The
     * provider (vpclattice/auth_policy.go) checks only that the policy is JSON.
     */
    public static final int AUTH_POLICY_MAX = 10_000;

    /** CreateService name: 3 to 40 (Lattice API ServiceName shape). */
    public static final int SERVICE_NAME_MAX = 40;

    /** Lattice API ServiceName pattern: {@code (?!svc-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+}. */
    private static final Pattern SERVICE_NAME = Pattern.compile("(?!svc-)(?!-)(?!.*-$)(?!.*--)[a-z0-9-]+");

    /** Lengths the controller cuts a route's name and namespace to before it joins them with a hyphen. */
    static final int ROUTE_NAME_PART = 20;

    static final int ROUTE_NAMESPACE_PART = 18;

    /**
     * The Lattice service the AWS Gateway API Controller creates for an HTTPRoute without a name override, as
     * aws-application-networking-k8s v2.1.3 pkg/utils/common.go {@code LatticeServiceName} names it: {@code
     * Truncate(route, 20) + "-" + Truncate(namespace, 18)}, where Truncate cuts and then trims hyphens.
     */
    public static String controllerServiceName(String routeName, String routeNamespace) {
        return truncate(routeName, ROUTE_NAME_PART) + "-" + truncate(routeNamespace, ROUTE_NAMESPACE_PART);
    }

    public static Optional<String> serviceName(String name) {
        if (name.length() < 3
                || name.length() > SERVICE_NAME_MAX
                || !SERVICE_NAME.matcher(name).matches()) {
            return Optional.of("expected a Lattice service name of 3 to " + SERVICE_NAME_MAX
                    + " lowercase letters, digits and single hyphens, not starting with svc- (Lattice CreateService),"
                    + " not \"" + name + "\"");
        }
        return Optional.empty();
    }

    /** @param what the policy's owner, for the message, e.g. {@code the auth policy of service demo-cluster1} */
    public static Optional<String> authPolicy(String what, String policy) {
        if (policy.indexOf('\n') >= 0 || policy.indexOf('\r') >= 0) {
            return Optional.of(what + " has a line break; Lattice refuses auth policies with newlines (PutAuthPolicy)");
        }
        int octets = Octets.of(policy);
        if (octets > AUTH_POLICY_MAX) {
            return Optional.of(what + " is " + IamLimits.count(octets) + " bytes; VPC Lattice allows "
                    + IamLimits.count(AUTH_POLICY_MAX)
                    + " (Lattice quotas: auth policy size, not adjustable)");
        }
        return Optional.empty();
    }

    private static String truncate(String name, int length) {
        String cut = name.length() > length ? name.substring(0, length) : name;
        return cut.replaceAll("^-+|-+$", "");
    }
}
