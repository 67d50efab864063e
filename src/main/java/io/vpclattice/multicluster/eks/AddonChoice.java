package io.vpclattice.multicluster.eks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The version one managed add-on runs after this run, and why. EKS never moves an add-on itself, not even after a
 * control-plane upgrade ("Amazon EKS doesn't automatically update an add-on when new versions are released or
 * after you update your cluster to a new Kubernetes minor version", Amazon EKS User Guide, "Update an Amazon EKS
 * add-on", https://docs.aws.amazon.com/eks/latest/userguide/updating-an-add-on.html), so the program does:
 * <ol>
 *   <li>a version pinned in {@code addonVersions} is used as it is;</li>
 *   <li>an add-on installed for the requested Kubernetes version keeps its version, so nothing drifts between
 *       upgrades when AWS moves its default;</li>
 *   <li>any other (a new cluster, an upgrade, an add-on that is missing) gets the version EKS recommends for the
 *       requested Kubernetes version (its default, {@code getAddonVersion} with {@code mostRecent=false}).</li>
 * </ol>
 * "Installed for" is read from the add-on's {@link #CHOSEN_FOR_TAG} tag, which each run sets to the version the
 * choice was made for, and not from the control plane's version: a run interrupted after the control plane
 * reached the new version but before the add-ons moved would otherwise find "control plane = requested" and keep
 * the old add-ons for good. An add-on without the tag (made before it existed) counts as chosen for the version
 * the control plane runs.
 *
 * @param version   the version, when known without asking AWS (pinned or kept); empty: EKS's default for
 *                  {@code chosenFor}
 * @param chosenFor the Kubernetes version the choice is for, which the add-on's tag records
 */
public record AddonChoice(String addon, Optional<String> version, String chosenFor, Source source) {

    /** The tag on each managed add-on that records the Kubernetes version its version was chosen for. */
    public static final String CHOSEN_FOR_TAG = "vpc-lattice-multicluster:chosen-for-kubernetes";

    public enum Source {
        /** Pinned in {@code addonVersions}. */
        PINNED,
        /** Installed for the requested Kubernetes version: kept as it is. */
        KEPT,
        /** EKS's default version for the requested Kubernetes version. */
        RECOMMENDED
    }

    /**
     * @param pinned    the version pinned in {@code addonVersions}, if any
     * @param requested the Kubernetes version the stack asks for
     * @param running   what AWS runs now; empty for a cluster not created yet
     */
    public static AddonChoice choose(
            String addon, Optional<String> pinned, String requested, Optional<RunningCluster> running) {
        if (pinned.isPresent()) {
            return new AddonChoice(addon, pinned, requested, Source.PINNED);
        }
        Optional<RunningCluster.InstalledAddon> installed =
                running.flatMap(cluster -> Optional.ofNullable(cluster.addons().get(addon)));
        if (installed.isPresent()) {
            String chosenFor = installed.get().chosenFor().orElse(running.get().version());
            if (chosenFor.equals(requested)) {
                return new AddonChoice(addon, Optional.of(installed.get().version()), requested, Source.KEPT);
            }
        }
        return new AddonChoice(addon, Optional.empty(), requested, Source.RECOMMENDED);
    }

    /** The choice for every add-on of {@code addons}, by name, in name order. */
    public static Map<String, AddonChoice> chooseAll(
            List<String> addons, Map<String, String> pins, String requested, Optional<RunningCluster> running) {
        var choices = new TreeMap<String, AddonChoice>();
        for (String addon : addons) {
            choices.put(addon, choose(addon, Optional.ofNullable(pins.get(addon)), requested, running));
        }
        return choices;
    }
}
