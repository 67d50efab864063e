package io.vpclattice.multicluster.naming;

import java.util.Map;
import java.util.TreeMap;

/** The tags every taggable AWS resource carries. */
public final class Tags {
    private Tags() {
    }

    /**
     * Common tags, then the resource's own tags on top, so a resource can override {@code Name} but a caller
     * can never drop {@code project} or {@code stack}: those win last.
     */
    public static Map<String, String> of(String project, String stack, Map<String, String> resourceTags) {
        var tags = new TreeMap<String, String>(resourceTags);
        tags.put("project", project);
        tags.put("stack", stack);
        tags.put("managed-by", "pulumi");
        return Map.copyOf(tags);
    }

    public static Map<String, String> named(String project, String stack, String name) {
        return of(project, stack, Map.of("Name", name));
    }
}
