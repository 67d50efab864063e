package io.vpclattice.multicluster.offlineplan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one stack would create, read from a run under Pulumi's mock engine.
 *
 * @param invokes  tokens of the data-source calls the program made, one entry per call
 * @param error    the one-line reason the run failed, if it did (a config error, a failed check)
 * @param warnings what the program warned about ({@code ctx.log().warn}), in the order it did
 */
public record StackPlan(
        String project,
        String stack,
        List<PlannedResource> resources,
        List<String> stackReferences,
        List<String> invokes,
        Map<String, Object> outputs,
        Optional<String> error,
        List<String> warnings) {

    public StackPlan {
        warnings = List.copyOf(warnings);
    }

    public boolean succeeded() {
        return error.isEmpty();
    }
}
