package io.vpclattice.multicluster.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.pulumi.Context;
import io.vpclattice.multicluster.Mappers;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Raw configuration values as Pulumi passes them (lists as JSON text). */
public interface ConfigSource {

    /** The value of {@code <project>:<key>}. */
    Optional<String> get(String key);

    /** {@code aws:region}. */
    Optional<String> awsRegion();

    /** {@code aws:profile}: the named AWS CLI profile the stack's provider, and so its kubeconfig, uses. */
    default Optional<String> awsProfile() {
        return Optional.empty();
    }

    /** {@code aws:assumeRole} as the CLI hands it over: a JSON object with {@code roleArn}. */
    default Optional<String> awsAssumeRole() {
        return Optional.empty();
    }

    /** The role of {@code aws:assumeRole}, if the stack names one. */
    default Optional<String> awsAssumeRoleArn() {
        return awsAssumeRoleField("roleArn");
    }

    /** {@code aws:assumeRole}'s {@code externalId} (com.pulumi:aws 6.83.0 {@code config.inputs.AssumeRole}), if set. */
    default Optional<String> awsAssumeRoleExternalId() {
        return awsAssumeRoleField("externalId");
    }

    private Optional<String> awsAssumeRoleField(String field) {
        return awsAssumeRole().flatMap(json -> {
            try {
                return Optional.ofNullable(
                                Mappers.JSON.readTree(json).path(field).textValue())
                        .filter(value -> !value.isBlank());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The value of a fully qualified key of any namespace, for messages; empty where the source cannot say. */
    default Optional<String> qualified(String fullKey) {
        return Optional.empty();
    }

    /**
     * Every fully qualified key the stack sets, defaults included, so that a key this program never reads (a
     * typo) is refused rather than ignored.
     */
    Set<String> keys();

    static ConfigSource of(Context ctx, Set<String> keys) {
        var project = ctx.config();
        var aws = ctx.config("aws");
        var allKeys = Set.copyOf(keys);
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return project.get(key);
            }

            @Override
            public Optional<String> awsRegion() {
                return aws.get("region");
            }

            @Override
            public Optional<String> awsProfile() {
                return aws.get("profile").filter(profile -> !profile.isBlank());
            }

            @Override
            public Optional<String> awsAssumeRole() {
                return aws.get("assumeRole");
            }

            @Override
            public Optional<String> qualified(String fullKey) {
                int colon = fullKey.indexOf(':');
                return colon < 0
                        ? Optional.empty()
                        : ctx.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
            }

            @Override
            public Set<String> keys() {
                return allKeys;
            }
        };
    }

    /**
     * The keys of {@code PULUMI_CONFIG}, the JSON object the language host hands the program (the Java SDK reads
     * values from it but offers no way to list keys); empty if absent.
     */
    static Set<String> keysFromEnvironment(String pulumiConfig) {
        if (pulumiConfig == null || pulumiConfig.isBlank()) {
            return Set.of();
        }
        try {
            Map<String, Object> config =
                    Mappers.JSON.readValue(pulumiConfig, new TypeReference<Map<String, Object>>() {});
            var keys = new TreeSet<String>();
            // Older CLIs write <namespace>:config:<name>; the SDK reads both forms as <namespace>:<name>.
            config.keySet().forEach(key -> keys.add(key.replaceFirst("^([^:]+):config:", "$1:")));
            return keys;
        } catch (IOException e) {
            return Set.of();
        }
    }
}
