package io.vpclattice.multicluster.config;

import com.pulumi.Context;

import java.util.Optional;

/** Raw configuration values as Pulumi passes them (lists as JSON text). */
public interface ConfigSource {

    /** The value of {@code <project>:<key>}. */
    Optional<String> get(String key);

    /** {@code aws:region}. */
    Optional<String> awsRegion();

    static ConfigSource of(Context ctx) {
        var project = ctx.config();
        var aws = ctx.config("aws");
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return project.get(key);
            }

            @Override
            public Optional<String> awsRegion() {
                return aws.get("region");
            }
        };
    }
}
