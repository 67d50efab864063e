package io.vpclattice.multicluster.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.vpclattice.multicluster.kubernetes.Tree.list;
import static io.vpclattice.multicluster.kubernetes.Tree.map;

/** The Helm charts each cluster runs, where they come from, and their values. */
public final class HelmCharts {
    private HelmCharts() {}

    /**
     * A chart release and the Kubernetes identity its pods use, which is what the Pod Identity association and
     * the IAM trust policy name.
     *
     * @param repository   empty for OCI charts, whose location is the chart reference itself
     * @param ingressPorts the ports of its pods that others call: admission webhooks, which the control plane calls
     */
    public record Chart(
            String releaseName,
            String chart,
            String repository,
            String namespace,
            String serviceAccount,
            List<Integer> ingressPorts) {
        public Chart {
            ingressPorts = List.copyOf(ingressPorts);
        }
    }

    /**
     * Pod Security Admission of the charts' namespaces: every chart's pods meet the restricted level (their charts'
     * security contexts: non-root, no privilege escalation, all capabilities dropped, the RuntimeDefault seccomp
     * profile), so it is enforced (https://kubernetes.io/docs/concepts/security/pod-security-admission/).
     */
    public static final Map<String, String> RESTRICTED = Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/audit", "restricted",
            "pod-security.kubernetes.io/warn", "restricted");

    public static final Chart GATEWAY_CONTROLLER = new Chart(
            "aws-gateway-controller",
            "oci://public.ecr.aws/aws-application-networking-k8s/aws-gateway-controller-chart",
            "",
            "aws-application-networking-system",
            "gateway-api-controller",
            // The controller's admission webhook (chart v2.1.3 helm/templates/deployment.yaml, containerPort 9443).
            List.of(9443));

    public static final Chart KYVERNO = new Chart(
            "kyverno",
            "kyverno",
            "https://kyverno.github.io/kyverno/",
            "kyverno",
            "kyverno-admission-controller",
            // The admission controller's webhook server (chart 3.9.0 values admissionController.webhookServer.port).
            List.of(9443));

    public static final Chart EXTERNAL_DNS = new Chart(
            "external-dns",
            "external-dns",
            "https://kubernetes-sigs.github.io/external-dns/",
            "external-dns",
            "external-dns",
            List.of());

    /**
     * Values of the AWS Gateway API Controller. Identity is given explicitly so the controller never falls back to
     * instance metadata. No {@code defaultServiceNetwork}: the stacks own the service network and this VPC's
     * association, so the controller neither creates nor deletes them. The DNSEndpoint CRD comes with this chart
     * because the controller only publishes DNS records when the CRD exists at its start.
     */
    public static Map<String, Object> gatewayControllerValues(
            String eksCluster, String vpcId, String region, String account) {
        return map(
                "clusterName", eksCluster,
                "clusterVpcId", vpcId,
                "awsRegion", region,
                "awsAccountId", account,
                "installExternalDNSCRD", true,
                "serviceAccount", map("create", true, "name", GATEWAY_CONTROLLER.serviceAccount()),
                "log", map("level", "info"));
    }

    /**
     * Values of ExternalDNS: it publishes the DNSEndpoint objects the controller writes for each route, only in
     * private zones of the domain, and marks its records with this cluster's owner id so that clusters sharing
     * the zone never delete each other's records. It reacts to DNSEndpoint events so that records go within
     * seconds of their route. When the zone is in another account, it writes through a role there.
     *
     * @param zoneRoleArn the role of the zone's account to assume, if the zone is in another account
     */
    public static Map<String, Object> externalDnsValues(
            String domain, String eksCluster, String region, Optional<String> zoneRoleArn) {
        var extraArgs = new LinkedHashMap<String, Object>();
        extraArgs.put("aws-zone-type", "private");
        zoneRoleArn.ifPresent(role -> extraArgs.put("aws-assume-role", role));
        return map(
                "provider",
                map("name", "aws"),
                "sources",
                list("crd"),
                "domainFilters",
                list(domain),
                "policy",
                "sync",
                "registry",
                "txt",
                "txtOwnerId",
                eksCluster,
                "txtPrefix",
                eksCluster + "-",
                "interval",
                "1m",
                "triggerLoopOnEvent",
                true,
                "extraArgs",
                extraArgs,
                "serviceAccount",
                map("create", true, "name", EXTERNAL_DNS.serviceAccount()),
                "resources",
                map("requests", map("cpu", "10m", "memory", "64Mi"), "limits", map("memory", "128Mi")),
                // Pod Identity injects credentials; the region is given so it never depends on the webhook's flags.
                "env",
                list(map("name", "AWS_REGION", "value", region), map("name", "AWS_DEFAULT_REGION", "value", region)));
    }

    /**
     * Values of Kyverno (chart 3.9.0, {@code charts/kyverno/values.yaml}): only its admission controller, which
     * applies the sidecar policy when pods are created; three replicas (the chart's README asks for three or more
     * and then adds a disruption budget), since a labelled pod cannot start while none runs. The background,
     * cleanup and reports controllers serve policy kinds this program does not use. The CRDs, the policies.kyverno.io
     * ones included, come with the chart.
     */
    public static Map<String, Object> kyvernoValues() {
        return map(
                "crds",
                map("install", true),
                "admissionController",
                map("replicas", 3),
                "backgroundController",
                map("enabled", false),
                "cleanupController",
                map("enabled", false),
                "reportsController",
                map("enabled", false),
                "features",
                map("admissionReports", map("enabled", false), "backgroundScan", map("enabled", false)));
    }

    /** Image of the drain pod: it only needs to exist, for {@link #DRAIN_SECONDS}, while it is deleted. */
    public static final String PAUSE_IMAGE =
            "registry.k8s.io/pause:3.10@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a";
    /** Long enough for ExternalDNS to see a route's DNSEndpoint go and delete its records (events, or one interval). */
    public static final int DRAIN_SECONDS = 75;

    public static final String DRAIN_NAME = "dns-record-drain";

    /**
     * A one-replica Deployment whose deletion takes {@link #DRAIN_SECONDS}: routes depend on it and it depends on
     * ExternalDNS, so on destroy it keeps ExternalDNS running after the routes are gone until their DNS records are
     * deleted. The Kubernetes provider deletes with foreground propagation and waits until the Deployment is gone,
     * which is after its pod has run its preStop sleep. A Deployment, not a bare pod: a node rotation or scale-in
     * evicts a pod for good, and the provider would then skip the drain.
     */
    public static Manifest dnsDrainDeployment() {
        var labels = Map.of("app.kubernetes.io/name", DRAIN_NAME);
        var pod = map(
                "terminationGracePeriodSeconds",
                DRAIN_SECONDS + 15,
                "automountServiceAccountToken",
                false,
                "securityContext",
                map(
                        "runAsNonRoot",
                        true,
                        "runAsUser",
                        65535,
                        "runAsGroup",
                        65535,
                        "seccompProfile",
                        map("type", "RuntimeDefault")),
                "containers",
                list(map(
                        "name", "drain",
                        "image", PAUSE_IMAGE,
                        "lifecycle", map("preStop", map("sleep", map("seconds", DRAIN_SECONDS))),
                        "resources",
                                map("requests", map("cpu", "1m", "memory", "8Mi"), "limits", map("memory", "16Mi")),
                        "securityContext",
                                map(
                                        "allowPrivilegeEscalation",
                                        false,
                                        "readOnlyRootFilesystem",
                                        true,
                                        "capabilities",
                                        map("drop", list("ALL"))))));
        return new Manifest(
                ApiKind.DEPLOYMENT,
                map("name", DRAIN_NAME, "namespace", EXTERNAL_DNS.namespace(), "labels", labels),
                map(
                        "spec",
                        map(
                                "replicas", 1,
                                "selector", map("matchLabels", labels),
                                "template", map("metadata", map("labels", labels), "spec", pod))));
    }
}
