package io.vpclattice.multicluster.components;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.naming.Tags;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An IAM role with its trust policy, an optional inline permission policy and AWS managed policies. The
 * policies come from {@link io.vpclattice.multicluster.policies.Policies}. Depending on this component, or taking
 * its {@link #arn}, waits for the role and every attachment, which is what "the role is usable" means.
 */
public class IamRole extends ComponentResource {
    public static final String TYPE = "multicluster:iam:Role";

    /**
     * @param permissions        inline policy JSON, if any
     * @param managedPolicyArns  AWS managed policies to attach, keyed by a stable short name
     * @param tags               the role is tagged with its name
     */
    public record Args(
            String roleName,
            String description,
            Output<String> trustPolicy,
            Optional<Output<String>> permissions,
            Map<String, String> managedPolicyArns,
            Tags tags) {}

    @Export(
            name = "arn",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> arn;

    public IamRole(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var role = new Role(
                name,
                RoleArgs.builder()
                        .name(args.roleName())
                        .description(args.description())
                        .assumeRolePolicy(args.trustPolicy())
                        .tags(args.tags().named(args.roleName()))
                        .build(),
                CustomResourceOptions.builder().parent(this).build());
        // Siblings of the role, not its children: depending on this component then waits for them too.
        var sibling = CustomResourceOptions.builder().parent(this).build();
        var granted = new ArrayList<Output<String>>();
        args.permissions()
                .ifPresent(policy -> granted.add(new RolePolicy(
                                name + "-permissions",
                                RolePolicyArgs.builder()
                                        .role(role.name())
                                        .policy(policy)
                                        .build(),
                                sibling)
                        .id()));
        for (var managed : new TreeMap<>(args.managedPolicyArns()).entrySet()) {
            granted.add(new RolePolicyAttachment(
                            name + "-" + managed.getKey(),
                            RolePolicyAttachmentArgs.builder()
                                    .role(role.name())
                                    .policyArn(managed.getValue())
                                    .build(),
                            sibling)
                    .id());
        }
        // Whatever takes the ARN (a Pod Identity association, a cluster) also waits for the role's permissions.
        this.arn = Output.all(granted).apply(ignored -> role.arn());
        registerOutputs(Map.of("arn", arn));
    }
}
