package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.kubernetes.HelmCharts;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.policies.Policies;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS credentials for one Kubernetes service account through EKS Pod Identity: a role only that service account
 * of that cluster may assume, its permissions, and the association. Pods get the credentials when admitted, so
 * whatever runs them must depend on this component.
 */
public class ServiceAccountRole extends ComponentResource {
    public static final String TYPE = "multicluster:iam:ServiceAccountRole";

    /** @param permissions inline policy JSON from {@link Policies} */
    public record Args(
            ClusterHandle cluster,
            ServiceAccount serviceAccount,
            String roleName,
            String description,
            String permissions,
            Tags tags) {}

    public record ServiceAccount(String namespace, String name) {
        /** The service account a chart's pods run as. */
        public static ServiceAccount of(HelmCharts.Chart chart) {
            return new ServiceAccount(chart.namespace(), chart.serviceAccount());
        }
    }

    public ServiceAccountRole(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var cluster = args.cluster();
        var serviceAccount = args.serviceAccount();
        var role = new IamRole(
                name,
                new IamRole.Args(
                        args.roleName(),
                        args.description(),
                        Output.of(Policies.podIdentityTrust(
                                cluster.location().account(),
                                List.of(serviceAccount.namespace()),
                                cluster.eksClusterName(),
                                serviceAccount.name())),
                        Optional.of(Output.of(args.permissions())),
                        Map.of(),
                        args.tags()),
                ComponentResourceOptions.builder().parent(this).build());
        new PodIdentityAssociation(
                name + "-association",
                PodIdentityAssociationArgs.builder()
                        .clusterName(cluster.clusterName())
                        .namespace(serviceAccount.namespace())
                        .serviceAccount(serviceAccount.name())
                        .roleArn(role.arn)
                        .tags(args.tags().named(args.roleName()))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of());
    }
}
