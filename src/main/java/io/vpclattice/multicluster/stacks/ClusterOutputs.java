package io.vpclattice.multicluster.stacks;

import com.pulumi.Context;
import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/**
 * What a cluster stack exports: each component is one stack output of that name ({@link StackOutputs}). The
 * operating scripts take every name they use from here (the kubectl context, the demo's namespace, deployment,
 * container, hostname and auth policy), so they never rebuild the program's naming. The README's table of cluster
 * outputs lists the same names (a test holds them together).
 *
 * @param clusterName        the EKS cluster, {@code eks-<stack>}
 * @param region             the cluster's region
 * @param endpoint           the Kubernetes API endpoint
 * @param kubeconfig         secret; gets tokens from {@code aws eks get-token} and holds no credential
 * @param clusterAdmin       the principal of the cluster's admin access entry
 * @param kubernetesIdentity the command each Kubernetes token comes from: who the cluster sees
 * @param configureKubectl   the {@code aws eks update-kubeconfig} command that adds {@link #kubeContext}
 * @param kubeContext        the kubectl context {@code configureKubectl} adds
 * @param vpcId              the cluster's VPC
 * @param vpcCidr            its CIDR
 * @param account            the AWS account the cluster runs in
 * @param demoHostname       the demo service's hostname
 * @param demoDeployment     the demo's Deployment
 * @param demoContainer      the demo's app container, which {@code validate.sh} execs into
 * @param demoNamespace      the demo's namespace
 * @param demoAuthPolicy     the name of the demo's IAMAuthPolicy object, in {@link #demoNamespace}
 * @param allowedCallers     the effective caller rules of the demo, {@code <cluster>/<namespace>}
 * @param authPolicy         the generated Lattice auth policy of the demo service
 * @param services           every service the cluster publishes (the demo, or the configured ones): name,
 *                           namespace, hostname, deployment, container, route, authPolicy and callers
 * @param clientNamespaces   the namespaces whose pods have the SigV4 client identity
 * @param sidecarLabel       the pod label that gets a workload from outside the program the SigV4 sidecar
 * @param clientServiceAccount the service account such a workload runs as in a client namespace
 * @param probeImage         an image with curl, for calls from any client namespace ({@code validate.sh})
 */
public record ClusterOutputs(
        Output<String> clusterName,
        String region,
        Output<String> endpoint,
        Output<String> kubeconfig,
        Output<String> clusterAdmin,
        String kubernetesIdentity,
        String configureKubectl,
        String kubeContext,
        Output<String> vpcId,
        String vpcCidr,
        String account,
        Output<String> demoHostname,
        String demoDeployment,
        String demoContainer,
        String demoNamespace,
        String demoAuthPolicy,
        List<String> allowedCallers,
        String authPolicy,
        List<Map<String, Object>> services,
        List<String> clientNamespaces,
        String sidecarLabel,
        String clientServiceAccount,
        String probeImage) {

    public ClusterOutputs {
        allowedCallers = List.copyOf(allowedCallers);
        services = List.copyOf(services);
        clientNamespaces = List.copyOf(clientNamespaces);
    }

    void export(Context ctx) {
        StackOutputs.export(ctx, ClusterOutputs.class, Output.of(this));
    }
}
