package io.vpclattice.multicluster.eks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Amazon VPC CNI add-on as this program runs it: {@code aws-node} with its own IAM identity (the add-on's
 * EKS Pod Identity association) instead of the node role, and its network-policy agent on so that Kubernetes
 * NetworkPolicy objects are enforced.
 *
 * <p>Sources: EKS User Guide, "Amazon EKS node IAM role" (create-node-role: "If the AmazonEKS_CNI_Policy policy is
 * attached to the role, we recommend removing it and attaching it to an IAM role that is mapped to the aws-node
 * Kubernetes service account instead"); "Pod Identity Support Reference" in add-ons-iam (VPC CNI from
 * v1.15.5-eksbuild.1); "Limit pod traffic with Kubernetes network policies" (cni-network-policy: VPC CNI v1.14 or
 * later, configuration value {@code enableNetworkPolicy: "true"}).
 */
public final class VpcCni {
    private VpcCni() {}

    public static final String ADDON = "vpc-cni";
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "aws-node";
    /** The AWS managed policy aws-node needs for IPv4 clusters (ENIs and secondary addresses). */
    public static final String POLICY = "AmazonEKS_CNI_Policy";
    /**
     * The add-on's configuration: network-policy enforcement on (a string, as the add-on's schema declares it). The
     * agent enforces in its default ("standard") mode: pods start allowed until a policy selects them.
     */
    public static final String CONFIGURATION = "{\"enableNetworkPolicy\":\"true\"}";

    /** The first VPC CNI add-on version that supports EKS Pod Identity (and so network policies too). */
    static final int[] MINIMUM = {1, 15, 5};

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)-eksbuild\\.\\d+");

    /** Why a pinned {@code vpc-cni} version cannot run as configured here, if it cannot. */
    public static Optional<String> pinProblem(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            return Optional.empty(); // the pin's own rule names the format
        }
        for (int i = 0; i < MINIMUM.length; i++) {
            int part = Integer.parseInt(m.group(i + 1));
            if (part != MINIMUM[i]) {
                return part > MINIMUM[i]
                        ? Optional.empty()
                        : Optional.of("expected vpc-cni v1.15.5-eksbuild.1 or later: aws-node gets its AWS"
                                + " credentials through EKS Pod Identity, which older versions do not support");
            }
        }
        return Optional.empty();
    }
}
