package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.StackReference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the environment stack exports and every cluster stack reads, named in one place: the environment exports
 * {@code EnvironmentOutputs<Output<String>>}, a cluster reads {@code EnvironmentOutputs<String>}. Each field has
 * its {@link Key}, and both directions go through {@link Key#of} and {@link #from}, which name every field: a
 * field added to one and not the other does not compile. The README's output table lists the same names.
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
        T clientRoleArn,
        T account,
        T clientNamespaces,
        T accessLogGroup,
        T dnsProfileId,
        T servedClusters) {

    /** The stack output of each field. */
    public enum Key {
        REGION("region"),
        DOMAIN("domain"),
        PRIVATE_ZONE_ID("privateZoneId"),
        PRIVATE_ZONE_ARN("privateZoneArn"),
        CERTIFICATE_ARN("certificateArn"),
        CERTIFICATE_AUTHORITY_ARN("certificateAuthorityArn"),
        SERVICE_NETWORK_ID("serviceNetworkId"),
        SERVICE_NETWORK_ARN("serviceNetworkArn"),
        SERVICE_NETWORK_NAME("serviceNetworkName"),
        CLIENT_ROLE_ARN("clientRoleArn"),
        ACCOUNT("account"),
        /** Comma-separated. */
        CLIENT_NAMESPACES("clientNamespaces"),
        ACCESS_LOG_GROUP("accessLogGroup"),
        /** Empty unless the environment is shared with other accounts. */
        DNS_PROFILE_ID("dnsProfileId", false),
        /** {@code <cluster>=<account>} of every cluster outside the environment's account, comma-separated. */
        SERVED_CLUSTERS("servedClusters", false);

        private final String outputName;
        private final boolean required;

        Key(String outputName) {
            this(outputName, true);
        }

        Key(String outputName, boolean required) {
            this.outputName = outputName;
            this.required = required;
        }

        public String outputName() {
            return outputName;
        }

        public <T> T of(EnvironmentOutputs<T> outputs) {
            return switch (this) {
                case REGION -> outputs.region();
                case DOMAIN -> outputs.domain();
                case PRIVATE_ZONE_ID -> outputs.privateZoneId();
                case PRIVATE_ZONE_ARN -> outputs.privateZoneArn();
                case CERTIFICATE_ARN -> outputs.certificateArn();
                case CERTIFICATE_AUTHORITY_ARN -> outputs.certificateAuthorityArn();
                case SERVICE_NETWORK_ID -> outputs.serviceNetworkId();
                case SERVICE_NETWORK_ARN -> outputs.serviceNetworkArn();
                case SERVICE_NETWORK_NAME -> outputs.serviceNetworkName();
                case CLIENT_ROLE_ARN -> outputs.clientRoleArn();
                case ACCOUNT -> outputs.account();
                case CLIENT_NAMESPACES -> outputs.clientNamespaces();
                case ACCESS_LOG_GROUP -> outputs.accessLogGroup();
                case DNS_PROFILE_ID -> outputs.dnsProfileId();
                case SERVED_CLUSTERS -> outputs.servedClusters();
            };
        }
    }

    /** The outputs whose value for each key {@code value} gives. */
    public static <T> EnvironmentOutputs<T> from(Function<Key, T> value) {
        return new EnvironmentOutputs<>(
                value.apply(Key.REGION),
                value.apply(Key.DOMAIN),
                value.apply(Key.PRIVATE_ZONE_ID),
                value.apply(Key.PRIVATE_ZONE_ARN),
                value.apply(Key.CERTIFICATE_ARN),
                value.apply(Key.CERTIFICATE_AUTHORITY_ARN),
                value.apply(Key.SERVICE_NETWORK_ID),
                value.apply(Key.SERVICE_NETWORK_ARN),
                value.apply(Key.SERVICE_NETWORK_NAME),
                value.apply(Key.CLIENT_ROLE_ARN),
                value.apply(Key.ACCOUNT),
                value.apply(Key.CLIENT_NAMESPACES),
                value.apply(Key.ACCESS_LOG_GROUP),
                value.apply(Key.DNS_PROFILE_ID),
                value.apply(Key.SERVED_CLUSTERS));
    }

    /** Output name to value, in declaration order. */
    public Map<String, T> byName() {
        var map = new LinkedHashMap<String, T>();
        Arrays.stream(Key.values()).forEach(key -> map.put(key.outputName(), key.of(this)));
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
        String region = text(environment, Key.REGION);
        if (!region.equals(expectedRegion)) {
            throw new RunException(
                    "stack " + stackName + " uses aws:region=" + expectedRegion + " but the environment is in " + region
                            + ": VPC Lattice is regional; set aws:region to " + region);
        }
        return from(key -> key == Key.REGION ? region : text(environment, key));
    }

    private static String text(StackReference environment, Key key) {
        Object value = ClusterFacts.await(environment.getValueAsync(key.outputName()));
        if (!key.required && value instanceof String s) {
            return s;
        }
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new RunException(
                    "environment output " + key.outputName()
                            + " is missing: run `pulumi up` on the environment stack first (again, after an upgrade of this program)");
        }
        return s;
    }
}
