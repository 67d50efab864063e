package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.StackReference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the environment stack exports and every cluster stack reads, named in one place. The README's output
 * table lists the same names.
 */
public record EnvironmentOutputs(
        Output<String> region,
        Output<String> domain,
        Output<String> privateZoneId,
        Output<String> privateZoneArn,
        Output<String> certificateArn,
        Output<String> certificateAuthorityArn,
        Output<String> serviceNetworkId,
        Output<String> serviceNetworkArn,
        Output<String> serviceNetworkName,
        Output<String> clientRoleArn) {

    public static final List<String> NAMES = List.of("region", "domain", "privateZoneId", "privateZoneArn",
            "certificateArn", "certificateAuthorityArn", "serviceNetworkId", "serviceNetworkArn",
            "serviceNetworkName", "clientRoleArn");

    public Map<String, Output<String>> byName() {
        var map = new LinkedHashMap<String, Output<String>>();
        List<Output<String>> values = List.of(region, domain, privateZoneId, privateZoneArn, certificateArn,
                certificateAuthorityArn, serviceNetworkId, serviceNetworkArn, serviceNetworkName, clientRoleArn);
        for (int i = 0; i < NAMES.size(); i++) {
            map.put(NAMES.get(i), values.get(i));
        }
        return map;
    }

    public void export(Context ctx) {
        byName().forEach(ctx::export);
    }

    /**
     * Reads the environment through a stack reference. Every value waits for a region check: VPC Lattice is
     * regional, so a cluster stack in another region than the environment fails with a clear message instead of
     * creating associations AWS would reject.
     */
    public static EnvironmentOutputs read(StackReference environment, String stackName, String expectedRegion) {
        Output<String> region = text(environment, "region").applyValue(r -> {
            if (!r.equals(expectedRegion)) {
                throw new RunException("stack " + stackName + " uses aws:region=" + expectedRegion
                        + " but the environment is in " + r + ": VPC Lattice is regional; set aws:region to " + r);
            }
            return r;
        });
        var values = NAMES.stream().skip(1)
                .map(name -> Output.tuple(region, text(environment, name)).applyValue(t -> t.t2))
                .toList();
        return new EnvironmentOutputs(region, values.get(0), values.get(1), values.get(2), values.get(3),
                values.get(4), values.get(5), values.get(6), values.get(7), values.get(8));
    }

    private static Output<String> text(StackReference environment, String name) {
        return environment.requireOutput(name).applyValue(value -> {
            if (!(value instanceof String s) || s.isEmpty()) {
                throw new RunException("environment output " + name + " is missing: run `pulumi up` on the environment stack first");
            }
            return s;
        });
    }
}
