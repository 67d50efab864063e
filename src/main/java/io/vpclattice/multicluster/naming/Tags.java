package io.vpclattice.multicluster.naming;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tags every taggable AWS resource of one stack carries: {@code project}, {@code stack} and
 * {@code managed-by}, plus the resource's own {@code Name}. Components take this and name their resources.
 */
public record Tags(String project, String stack) {

    /**
     * Common tags, then the resource's own tags on top, so a resource can override {@code Name} but a caller
     * can never drop {@code project} or {@code stack}: those win last.
     */
    public Map<String, String> with(Map<String, String> resourceTags) {
        var tags = new TreeMap<String, String>(resourceTags);
        tags.put("project", project);
        tags.put("stack", stack);
        tags.put("managed-by", "pulumi");
        return Map.copyOf(tags);
    }

    public Map<String, String> named(String name) {
        return with(Map.of("Name", name));
    }
}
