package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.StackReference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the environment stack exports and every cluster stack reads, named in one place: the environment exports
 * {@code EnvironmentOutputs<Output<String>>}, a cluster reads {@code EnvironmentOutputs<String>}. The README's
 * output table lists the same names.
 */
public record EnvironmentOutputs<T>(
        T region,
        T domain,
        T privateZoneId,
        T privateZoneArn,
        T certificateArn,
        T certificateAuthorityArn,
        T serviceNetworkId,
        T serviceNetworkArn,
        T serviceNetworkName,
        T clientRoleArn) {

    public static final List<String> NAMES = List.of("region", "domain", "privateZoneId", "privateZoneArn",
            "certificateArn", "certificateAuthorityArn", "serviceNetworkId", "serviceNetworkArn",
            "serviceNetworkName", "clientRoleArn");

    public Map<String, T> byName() {
        var map = new LinkedHashMap<String, T>();
        List<T> values = List.of(region, domain, privateZoneId, privateZoneArn, certificateArn,
                certificateAuthorityArn, serviceNetworkId, serviceNetworkArn, serviceNetworkName, clientRoleArn);
        for (int i = 0; i < NAMES.size(); i++) {
            map.put(NAMES.get(i), values.get(i));
        }
        return map;
    }

    public static void export(Context ctx, EnvironmentOutputs<Output<String>> outputs) {
        outputs.byName().forEach(ctx::export);
    }

    /**
     * Reads the environment through a stack reference, before the cluster registers anything: VPC Lattice is
     * regional, so a cluster stack in another region than the environment stops here instead of creating a VPC
     * whose associations AWS would reject.
     */
    public static EnvironmentOutputs<String> read(StackReference environment, String stackName, String expectedRegion) {
        String region = text(environment, "region");
        if (!region.equals(expectedRegion)) {
            throw new RunException("stack " + stackName + " uses aws:region=" + expectedRegion
                    + " but the environment is in " + region + ": VPC Lattice is regional; set aws:region to " + region);
        }
        var values = NAMES.stream().skip(1).map(name -> text(environment, name)).toList();
        return new EnvironmentOutputs<>(region, values.get(0), values.get(1), values.get(2), values.get(3),
                values.get(4), values.get(5), values.get(6), values.get(7), values.get(8));
    }

    private static String text(StackReference environment, String name) {
        Object value = ClusterFacts.await(environment.getValueAsync(name));
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new RunException("environment output " + name + " is missing: run `pulumi up` on the environment stack first");
        }
        return s;
    }
}
