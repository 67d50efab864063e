package io.vpclattice.multicluster.offlineplan;

import java.util.List;
import java.util.Map;

/**
 * One resource as the engine would register it.
 *
 * @param dependsOn every dependency the engine receives, explicit and from inputs, sorted
 * @param inputs        inputs as sent, with secrets shown as {@code "[secret]"} and unknowns as {@code "[unknown]"}
 * @param ignoreChanges input paths the engine will not diff
 * @param aliases       former identities the engine treats as this resource (a URN, or the former name and parent)
 */
public record PlannedResource(
        String urn,
        String type,
        String name,
        boolean custom,
        String parent,
        List<String> dependsOn,
        String provider,
        Map<String, Object> inputs,
        List<String> ignoreChanges,
        List<String> aliases) {}
