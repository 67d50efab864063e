package io.vpclattice.multicluster.components;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
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
    public record Args(String roleName, String description, String eksClusterName, Output<String> clusterName,
                       String namespace, String serviceAccount, String account, String permissions,
                       Map<String, String> tags) {
    }

    @Export(name = "roleArn", refs = {String.class}, tree = "[0]")
    public final Output<String> roleArn;

    public ServiceAccountRole(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var role = new IamRole(name, new IamRole.Args(args.roleName(), args.description(),
                Output.of(Policies.podIdentityTrust(args.account(), List.of(args.namespace()),
                        args.eksClusterName(), args.serviceAccount())),
                Optional.of(Output.of(args.permissions())), Map.of(), args.tags()), ComponentResourceOptions.builder().parent(this).build());
        new PodIdentityAssociation(name + "-association", PodIdentityAssociationArgs.builder()
                .clusterName(args.clusterName())
                .namespace(args.namespace())
                .serviceAccount(args.serviceAccount())
                .roleArn(role.arn)
                .tags(args.tags())
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.roleArn = role.arn;
        registerOutputs(Map.of("roleArn", roleArn));
    }
}
