package io.vpclattice.multicluster.eks;

import java.util.regex.Pattern;

/**
 * The EKS-optimized AMI type of the managed node group, chosen from the instance type: a Graviton (arm64) type
 * with an x86_64 AMI, or the reverse, never boots a node, and EKS only says so after the node group times out.
 */
public final class NodeImages {
    private NodeImages() {}

    public static final String X86_64 = "AL2023_x86_64_STANDARD";
    public static final String ARM_64 = "AL2023_ARM_64_STANDARD";

    /**
     * Graviton families carry a {@code g} right after the generation digit (m7g, c7gn, r8gd, t4g, x2gd, im4gn,
     * is4gen, g5g, hpc7g); a1 is the first Graviton. x86 families never do (g4dn, m5zn, c7i-flex, inf2).
     */
    private static final Pattern GRAVITON_FAMILY = Pattern.compile("a1|[a-z]+\\d+g[a-z]*(-[a-z0-9]+)?");

    public static boolean isArm64(String instanceType) {
        int dot = instanceType.indexOf('.');
        String family = dot < 0 ? instanceType : instanceType.substring(0, dot);
        return GRAVITON_FAMILY.matcher(family).matches();
    }

    public static String amiType(String instanceType) {
        return isArm64(instanceType) ? ARM_64 : X86_64;
    }
}
