package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.kubernetes.ClientNamespaces;
import io.vpclattice.multicluster.kubernetes.NetworkPolicies;
import io.vpclattice.multicluster.naming.Tags;

import java.util.Map;
import java.util.Optional;

/**
 * A namespace whose pods call VPC Lattice services: labelled so routes may attach to the Gateway and the sidecar
 * policy serves its pods, with the service account {@value ClientNamespaces#SERVICE_ACCOUNT} that Pod Identity gives
 * the SigV4 client role, for workloads deployed from outside the program, and a network policy that refuses
 * everything but Lattice, DNS, the Pod Identity agent and AWS APIs. Depending on this component waits for the
 * association too, which must precede the pods.
 */
public class ClientNamespace extends ComponentResource {
    public static final String TYPE = "multicluster:app:ClientNamespace";

    /**
     * @param formerNamespaceUrn where the namespace object was registered before (the demo created its namespace
     *                           itself), so that existing stacks keep it rather than delete and recreate it
     */
    public record Args(
            ClusterHandle cluster,
            String namespace,
            Output<String> clientRoleArn,
            Optional<String> formerNamespaceUrn,
            Tags tags) {}

    public ClientNamespace(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var namespaceOptions = CustomResourceOptions.builder().parent(this);
        args.formerNamespaceUrn().ifPresent(urn -> namespaceOptions.aliases(Alias.withUrn(urn)));
        var namespace = new KubernetesObject(
                name + "-namespace", ClientNamespaces.namespace(args.namespace()), namespaceOptions.build());
        new KubernetesObject(
                name + "-network-policy",
                NetworkPolicies.clientNamespace(args.namespace()),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(namespace)
                        .build());
        new KubernetesObject(
                name + "-service-account",
                ClientNamespaces.serviceAccount(args.namespace()),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(namespace)
                        .build());
        new PodIdentityAssociation(
                name + "-pod-identity",
                PodIdentityAssociationArgs.builder()
                        .clusterName(args.cluster().clusterName())
                        .namespace(args.namespace())
                        .serviceAccount(ClientNamespaces.SERVICE_ACCOUNT)
                        .roleArn(args.clientRoleArn())
                        .tags(args.tags().named(args.namespace() + "-" + ClientNamespaces.SERVICE_ACCOUNT))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of());
    }
}
