package io.vpclattice.multicluster.components;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;
import io.vpclattice.multicluster.kubernetes.ApiKind;
import io.vpclattice.multicluster.kubernetes.Manifest;

import java.util.Map;

/**
 * Any Kubernetes object, built-in or custom, created through the Kubernetes provider under the type token
 * {@code kubernetes:<group>/<version>:<Kind>}. The Java Kubernetes SDK 4.0.0 has no generic custom resource
 * class; this one stands in for it, and for built-in kinds too, so every object is created from the same
 * {@link Manifest} data that the deciders return and the tests validate.
 */
public class KubernetesObject extends CustomResource {

    @Export(
            name = "metadata",
            refs = {Map.class, String.class, Object.class},
            tree = "[0,1,2]")
    private Output<Map<String, Object>> metadata;

    public KubernetesObject(String name, Manifest manifest, CustomResourceOptions options) {
        this(name, manifest.type(), Output.of(manifest), options);
    }

    /** For objects whose fields come from other resources' outputs; {@code type} fixes the token up front. */
    public KubernetesObject(String name, ApiKind type, Output<Manifest> manifest, CustomResourceOptions options) {
        super(type.pulumiType(), name, new Args(type, manifest.applyValue(m -> checked(type, m))), options);
    }

    /** The object's metadata as the API server returned it (uid, labels, annotations, ...). */
    public Output<Map<String, Object>> metadata() {
        return metadata;
    }

    private static Manifest checked(ApiKind type, Manifest manifest) {
        if (!manifest.type().equals(type)) {
            throw new IllegalStateException("manifest " + manifest.type() + " registered as " + type);
        }
        if (!Args.BODY_FIELDS.containsAll(manifest.body().keySet())) {
            throw new IllegalStateException("only " + Args.BODY_FIELDS + " are supported besides metadata, got "
                    + manifest.body().keySet());
        }
        return manifest;
    }

    @SuppressWarnings("unused") // Pulumi reads the @Import fields by reflection
    static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersion;

        @Import(name = "kind", required = true)
        private final Output<String> kind;

        @Import(name = "metadata", required = true)
        private final Output<Map<String, Object>> metadata;

        @Import(name = "spec")
        private final Output<Object> spec;

        /** A ServiceAccount's only field of its own that this program sets. */
        @Import(name = "automountServiceAccountToken")
        private final Output<Object> automountServiceAccountToken;

        static final java.util.Set<String> BODY_FIELDS = java.util.Set.of("spec", "automountServiceAccountToken");

        Args(ApiKind type, Output<Manifest> manifest) {
            this.apiVersion = Output.of(type.apiVersion());
            this.kind = Output.of(type.kind());
            this.metadata = manifest.applyValue(Manifest::metadata);
            this.spec = manifest.applyValue(m -> m.body().get("spec"));
            this.automountServiceAccountToken =
                    manifest.applyValue(m -> m.body().get("automountServiceAccountToken"));
        }
    }
}
