package io.vpclattice.multicluster.network;

import java.util.Arrays;
import java.util.Optional;

/** How many NAT gateways a cluster VPC gets. */
public enum NatGateways {
    /** One NAT gateway in the first zone: cheapest, but private subnets lose egress if that zone fails. */
    SINGLE("single"),
    /** One NAT gateway per zone: each zone keeps its own egress. */
    PER_ZONE("perZone");

    private final String configValue;

    NatGateways(String configValue) {
        this.configValue = configValue;
    }

    public static Optional<NatGateways> fromConfig(String value) {
        return Arrays.stream(values()).filter(v -> v.configValue.equals(value)).findFirst();
    }
}
