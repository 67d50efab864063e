package io.vpclattice.multicluster.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vpclattice.multicluster.Mappers;

import java.util.Map;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/**
 * The SigV4 sidecar for pods this program does not make (applied with kubectl, Helm, Argo CD or Flux): a Kyverno
 * policy adds the same two init containers {@link SigV4Sidecar#containers()} composes for the program's own
 * workloads to every pod that carries {@link #POD_LABEL}, in a namespace that has the client identity
 * ({@link #CLIENT_NAMESPACE_LABEL}). The program's own workloads never carry the label: their sidecar is composed
 * when they are defined, so they never race the admission webhook.
 *
 * <p>The policy is a Kyverno 1.19 {@code MutatingPolicy} (ClusterPolicy is deprecated since 1.17 and due to go in
 * 1.20: kyverno/website {@code policy-types/overview.md}). Its webhook carries the label and namespace selectors,
 * so the API server sends Kyverno only the pods concerned, and only at creation (init containers cannot be added to
 * a running pod). It fails closed: while Kyverno is down, a labelled pod is refused and its ReplicaSet retries,
 * instead of running without the sidecar and being refused by every service it calls.
 *
 * <p>Credentials: the Kubernetes API server calls mutating webhook configurations in order of their names
 * (kyverno-resource-mutating-webhook-cfg before pod-identity-webhook), so the EKS Pod Identity webhook sees the
 * injected proxy and gives it the credentials, as it does for the program's own pods.
 */
public final class SidecarInjection {
    private SidecarInjection() {}

    /** The pod label that asks for the sidecar. */
    public static final String POD_LABEL = "vpc-lattice-multicluster/sigv4";
    /** The label of every namespace whose pods have the client identity; only there is the sidecar added. */
    public static final String CLIENT_NAMESPACE_LABEL = "vpc-lattice-multicluster/client";
    /** The service account of each client namespace that has the client identity, for workloads from outside. */
    public static final String CLIENT_SERVICE_ACCOUNT = "sigv4-client";

    public static final String POLICY_NAME = "sigv4-sidecar";

    /** Skip a pod that already has the sidecar (composed by this program, or injected before). */
    static final String SIDECAR_ABSENT =
            "!has(object.spec.initContainers) || !object.spec.initContainers.exists(c, c.name in ['"
                    + SigV4Sidecar.INIT_CONTAINER + "', '" + SigV4Sidecar.CONTAINER + "'])";

    /** The redirect first, then the proxy, ahead of any init container the pod has (JSON Patch inserts at 0). */
    static final String PATCH = """
            has(object.spec.initContainers)
            ? [JSONPatch{op: "add", path: "/spec/initContainers/0", value: variables.sidecar[1]},
               JSONPatch{op: "add", path: "/spec/initContainers/0", value: variables.sidecar[0]}]
            : [JSONPatch{op: "add", path: "/spec/initContainers", value: variables.sidecar}]""";

    /** The policy that adds {@code sidecar} to labelled pods in client namespaces. */
    public static Manifest policy(SigV4Sidecar sidecar) {
        return new Manifest(
                ApiKind.MUTATING_POLICY,
                map("name", POLICY_NAME),
                map(
                        "spec",
                        map(
                                "failurePolicy",
                                "Fail",
                                "evaluation",
                                map("background", map("enabled", false)),
                                // Pods only: the label is on the pod template, whatever made the pod.
                                "autogen",
                                map("podControllers", map("controllers", list())),
                                "matchConstraints",
                                map(
                                        "resourceRules",
                                        list(map(
                                                "apiGroups",
                                                list(""),
                                                "apiVersions",
                                                list("v1"),
                                                "operations",
                                                list("CREATE"),
                                                "resources",
                                                list("pods"))),
                                        "namespaceSelector",
                                        map("matchLabels", Map.of(CLIENT_NAMESPACE_LABEL, "true")),
                                        "objectSelector",
                                        map("matchLabels", Map.of(POD_LABEL, "true"))),
                                "matchConditions",
                                list(map("name", "sidecar-absent", "expression", SIDECAR_ABSENT)),
                                "variables",
                                list(map("name", "sidecar", "expression", sidecarExpression(sidecar))),
                                "mutations",
                                list(map("patchType", "JSONPatch", "jsonPatch", map("expression", PATCH))))));
    }

    /** The containers as one CEL value: the JSON of exactly what {@link SigV4Sidecar#containers()} returns. */
    static String sidecarExpression(SigV4Sidecar sidecar) {
        String json;
        try {
            json = Mappers.JSON.writeValueAsString(sidecar.containers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (json.contains("'''")) {
            throw new IllegalStateException("the sidecar's JSON cannot be a CEL raw string: " + json);
        }
        return "json.unmarshal(r'''" + json + "''')";
    }
}
