package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.config.ConfigLoader;
import io.vpclattice.multicluster.config.ConfigSource;
import io.vpclattice.multicluster.config.EnvironmentStackConfig;
import io.vpclattice.multicluster.config.PlainStackFiles;
import io.vpclattice.multicluster.config.ProjectStacks;
import io.vpclattice.multicluster.config.StackConfig;
import io.vpclattice.multicluster.crdfiles.CrdStore;

import java.nio.file.Path;
import java.util.Set;

/**
 * The one Pulumi program: the environment stack ({@link ProjectStacks}: the one every stack's
 * {@code environmentStack} names) builds the environment, every other stack is a cluster configured by its
 * {@code Pulumi.<stack>.yaml}. Configuration is read and validated first; a bad
 * value stops the run before any resource is registered.
 */
public final class Program {
    private Program() {}

    /**
     * The program as {@code pulumi up} runs it, in the project directory. Its own configuration comes from the SDK;
     * of the other stacks' files it reads only which stack is the environment and where each cluster runs.
     *
     * @param projectDirectory where {@code Pulumi.yaml} and the {@code Pulumi.<stack>.yaml} files are
     * @param configKeys       every configuration key the stack sets, defaults included
     */
    public static void define(Context ctx, Path projectDirectory, CrdStore crdStore, Set<String> configKeys) {
        define(ctx, ProjectStacks.read(PlainStackFiles.read(projectDirectory)), crdStore, configKeys);
    }

    /**
     * @param stacks     the project's stacks and their roles
     * @param configKeys every configuration key the stack sets, defaults included
     */
    public static void define(Context ctx, ProjectStacks stacks, CrdStore crdStore, Set<String> configKeys) {
        StackConfig config = ConfigLoader.load(
                ConfigSource.of(ctx, configKeys), ctx.organizationName(), ctx.projectName(), ctx.stackName(), stacks);
        if (config instanceof EnvironmentStackConfig environment) {
            EnvironmentStack.define(ctx, environment);
        } else {
            ClusterStack.define(ctx, (ClusterStackConfig) config, crdStore);
        }
    }
}
