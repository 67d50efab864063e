package io.vpclattice.multicluster.kubernetes;

/** The {@code apiVersion} and {@code kind} of a Kubernetes object, and the Pulumi type token that creates it. */
public record ApiKind(String apiVersion, String kind) {

    public static final ApiKind NAMESPACE = new ApiKind("v1", "Namespace");
    public static final ApiKind SERVICE = new ApiKind("v1", "Service");
    public static final ApiKind POD = new ApiKind("v1", "Pod");
    public static final ApiKind SERVICE_ACCOUNT = new ApiKind("v1", "ServiceAccount");
    public static final ApiKind NETWORK_POLICY = new ApiKind("networking.k8s.io/v1", "NetworkPolicy");
    /** Kyverno 1.19's mutating policy (policies.kyverno.io/v1, installed by its chart). */
    public static final ApiKind MUTATING_POLICY = new ApiKind("policies.kyverno.io/v1", "MutatingPolicy");

    public static final ApiKind DEPLOYMENT = new ApiKind("apps/v1", "Deployment");
    public static final ApiKind CUSTOM_RESOURCE_DEFINITION =
            new ApiKind("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    public static final ApiKind GATEWAY_CLASS = new ApiKind("gateway.networking.k8s.io/v1", "GatewayClass");
    public static final ApiKind GATEWAY = new ApiKind("gateway.networking.k8s.io/v1", "Gateway");
    public static final ApiKind HTTP_ROUTE = new ApiKind("gateway.networking.k8s.io/v1", "HTTPRoute");
    public static final ApiKind IAM_AUTH_POLICY =
            new ApiKind("application-networking.k8s.aws/v1alpha1", "IAMAuthPolicy");

    /** {@code kubernetes:<group>/<version>:<Kind>}; the core group is spelled {@code core}. */
    public String pulumiType() {
        String groupVersion = apiVersion.contains("/") ? apiVersion : "core/" + apiVersion;
        return "kubernetes:" + groupVersion + ":" + kind;
    }

    public String group() {
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }
}
