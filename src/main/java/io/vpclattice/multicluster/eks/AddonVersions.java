package io.vpclattice.multicluster.eks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EKS add-ons each cluster runs and the pins of {@code addonVersions}. An add-on named there runs exactly that
 * version; any other runs the version EKS recommends for the cluster's Kubernetes version, chosen when it is created
 * and again when {@code kubernetesVersion} moves, and kept in between ({@link AddonChoice}).
 */
public final class AddonVersions {
    private AddonVersions() {}

    /** Add-ons that run as DaemonSets: created before nodes so that nodes come up with networking. */
    public static final List<String> BEFORE_NODES = List.of("vpc-cni", "kube-proxy", "eks-pod-identity-agent");
    /** Add-ons with Deployments: created once nodes can run them. */
    public static final List<String> AFTER_NODES = List.of("coredns");

    /** A number without a leading zero, as semantic versions write numbers. */
    private static final String NUMBER = "(?:0|[1-9]\\d*)";
    /**
     * An EKS add-on version, {@code v<major>.<minor>.<patch>-eksbuild.<build>}, within the provider's validator of
     * {@code addon_version}: terraform-provider-aws internal/service/eks/addon.go matches the semver.org regular
     * expression {@code ^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)...}, so
     * no number may have a leading zero ({@code v01.19.0-eksbuild.1}, {@code -eksbuild.01}).
     */
    private static final Pattern PIN =
            Pattern.compile("([a-z-]+)=(v" + NUMBER + "\\." + NUMBER + "\\." + NUMBER + "-eksbuild\\." + NUMBER + ")");
    /** The same with leading zeros allowed, to say which version was meant. */
    private static final Pattern LOOSE_PIN = Pattern.compile("([a-z-]+)=v(\\d+)\\.(\\d+)\\.(\\d+)-eksbuild\\.(\\d+)");

    /** @return what is expected, if {@code entry} is not {@code <add-on>=<version>} for a managed add-on */
    public static Optional<String> problem(String entry) {
        Matcher m = PIN.matcher(entry);
        if (!m.matches()) {
            return Optional.of(
                    "expected <add-on>=<version>, such as vpc-cni=v1.20.4-eksbuild.2 (versions: aws eks describe-addon-versions --addon-name vpc-cni)"
                            + withoutLeadingZeros(entry)
                                    .map(fixed -> "; numbers have no leading zeros in a semantic version, which"
                                            + " the provider requires: did you mean " + fixed + "?")
                                    .orElse(""));
        }
        if (!BEFORE_NODES.contains(m.group(1)) && !AFTER_NODES.contains(m.group(1))) {
            return Optional.of("expected one of the add-ons this program manages: " + String.join(", ", all()));
        }
        return Optional.empty();
    }

    /** Pins by add-on name; entries must have passed {@link #problem}. Two pins of one add-on are refused there. */
    public static Map<String, String> pins(List<String> entries) {
        var pins = new LinkedHashMap<String, String>();
        for (String entry : entries) {
            Matcher m = PIN.matcher(entry);
            if (m.matches()) {
                pins.put(m.group(1), m.group(2));
            }
        }
        return pins;
    }

    /** {@code entry} with each number's leading zeros removed, if that is what makes it a version. */
    static Optional<String> withoutLeadingZeros(String entry) {
        Matcher m = LOOSE_PIN.matcher(entry);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + "=v" + number(m.group(2)) + "." + number(m.group(3)) + "." + number(m.group(4))
                + "-eksbuild." + number(m.group(5)));
    }

    private static String number(String digits) {
        return digits.replaceFirst("^0+(?=\\d)", "");
    }

    public static List<String> all() {
        return java.util.stream.Stream.concat(BEFORE_NODES.stream(), AFTER_NODES.stream())
                .toList();
    }
}
