package io.vpclattice.multicluster.config;

/** The validated configuration of one stack: the environment, or one cluster. */
public sealed interface StackConfig permits EnvironmentStackConfig, ClusterStackConfig {
    Common common();
}
