package io.vpclattice.multicluster.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes object as data: what the deciders return, what {@link KubernetesObject} creates, what the offline
 * plan prints and what the schema tests validate.
 *
 * @param body the top-level fields besides {@code apiVersion}, {@code kind} and {@code metadata}
 *             (usually just {@code spec})
 */
public record Manifest(ApiKind type, Map<String, Object> metadata, Map<String, Object> body) {

    public Manifest {
        Objects.requireNonNull(type);
        Objects.requireNonNull(metadata.get("name"), "metadata.name");
        metadata = Tree.freeze(metadata);
        body = Tree.freeze(body);
    }

    public String name() {
        return (String) metadata.get("name");
    }

    public String namespace() {
        return (String) metadata.get("namespace");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> spec() {
        return (Map<String, Object>) body.get("spec");
    }

    /** The whole object, as {@code kubectl get -o yaml} would show its desired state. */
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("apiVersion", type.apiVersion());
        map.put("kind", type.kind());
        map.put("metadata", metadata);
        map.putAll(body);
        return map;
    }
}
