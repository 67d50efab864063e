package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.config.ConfigLoader;
import io.vpclattice.multicluster.config.ConfigSource;
import io.vpclattice.multicluster.config.EnvironmentStackConfig;
import io.vpclattice.multicluster.config.ProjectFiles;
import io.vpclattice.multicluster.config.StackConfig;
import io.vpclattice.multicluster.crdfiles.CrdStore;

import java.nio.file.Path;
import java.util.Set;

/**
 * The one Pulumi program: the stack named by {@code environmentStack} builds the environment, every other stack
 * is a cluster configured by its {@code Pulumi.<stack>.yaml}. Configuration is read and validated first; a bad
 * value stops the run before any resource is registered.
 */
public final class Program {
    private Program() {
    }

    /**
     * @param projectDirectory where {@code Pulumi.<stack>.yaml} files name the project's cluster stacks
     * @param configKeys       every configuration key the stack sets, defaults included
     */
    public static void define(Context ctx, Path projectDirectory, CrdStore crdStore, Set<String> configKeys) {
        StackConfig config = ConfigLoader.load(ConfigSource.of(ctx, configKeys), ctx.organizationName(), ctx.projectName(),
                ctx.stackName(), ProjectFiles.stackNames(projectDirectory));
        if (config instanceof EnvironmentStackConfig environment) {
            EnvironmentStack.define(ctx, environment);
        } else {
            ClusterStack.define(ctx, (ClusterStackConfig) config, crdStore);
        }
    }
}
