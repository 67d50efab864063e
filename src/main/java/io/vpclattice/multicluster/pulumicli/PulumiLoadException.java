package io.vpclattice.multicluster.pulumicli;

/**
 * A project or stack file the Pulumi CLI would refuse to load, with the CLI's own message, so the offline plan,
 * the scripts' fake CLI and the real CLI fail the same way.
 */
public final class PulumiLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PulumiLoadException(String message) {
        super(message);
    }
}
