package io.vpclattice.multicluster.components;

import com.pulumi.aws.ram.PrincipalAssociation;
import com.pulumi.aws.ram.PrincipalAssociationArgs;
import com.pulumi.aws.ram.ResourceAssociation;
import com.pulumi.aws.ram.ResourceAssociationArgs;
import com.pulumi.aws.ram.ResourceShare;
import com.pulumi.aws.ram.ResourceShareArgs;
import com.pulumi.aws.route53.ProfilesProfile;
import com.pulumi.aws.route53.ProfilesProfileArgs;
import com.pulumi.aws.route53.ProfilesResourceAssociation;
import com.pulumi.aws.route53.ProfilesResourceAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.vpclattice.multicluster.accounts.SharedWith;
import io.vpclattice.multicluster.naming.Tags;

import java.util.Map;

/**
 * What the environment shares with the accounts of other cluster stacks through one AWS RAM share: the service
 * network (their VPCs and services join it), the private CA (each account requests its own certificate from
 * it) and a Route 53 Profile holding the private zone (their VPCs resolve the services' names through it).
 * Member accounts only associate with what is shared; the shares stay the environment's.
 */
public class EnvironmentShare extends ComponentResource {
    public static final String TYPE = "multicluster:ram:EnvironmentShare";

    /**
     * @param shareName               name of the RAM share and of the Route 53 Profile
     * @param certificateAuthorityArn the CA's ARN once it is ACTIVE: it is shared only then
     */
    public record Args(
            String shareName,
            SharedWith sharedWith,
            Output<String> serviceNetworkArn,
            Output<String> certificateAuthorityArn,
            Output<String> zoneArn,
            Tags tags) {}

    @Export(
            name = "dnsProfileId",
            refs = {String.class},
            tree = "[0]")
    public final Output<String> dnsProfileId;

    public EnvironmentShare(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var share = new ResourceShare(
                name,
                ResourceShareArgs.builder()
                        .name(args.shareName())
                        // Within the organization only: an account outside it would have to accept an invitation.
                        .allowExternalPrincipals(false)
                        .tags(args.tags().named(args.shareName()))
                        .build(),
                child);
        var underShare = CustomResourceOptions.builder().parent(share).build();
        var profile = new ProfilesProfile(
                name + "-dns",
                ProfilesProfileArgs.builder()
                        .name(args.shareName())
                        .tags(args.tags().named(args.shareName()))
                        .build(),
                child);
        new ProfilesResourceAssociation(
                name + "-dns-zone",
                ProfilesResourceAssociationArgs.builder()
                        .name(args.shareName() + "-zone")
                        .profileId(profile.id())
                        .resourceArn(args.zoneArn())
                        .build(),
                CustomResourceOptions.builder().parent(profile).build());

        new ResourceAssociation(
                name + "-service-network",
                ResourceAssociationArgs.builder()
                        .resourceShareArn(share.arn())
                        .resourceArn(args.serviceNetworkArn())
                        .build(),
                underShare);
        new ResourceAssociation(
                name + "-certificate-authority",
                ResourceAssociationArgs.builder()
                        .resourceShareArn(share.arn())
                        .resourceArn(args.certificateAuthorityArn())
                        .build(),
                underShare);
        new ResourceAssociation(
                name + "-dns-profile",
                ResourceAssociationArgs.builder()
                        .resourceShareArn(share.arn())
                        .resourceArn(profile.arn())
                        .build(),
                underShare);
        for (String principal : args.sharedWith().principals()) {
            new PrincipalAssociation(
                    name + "-" + principalName(principal),
                    PrincipalAssociationArgs.builder()
                            .resourceShareArn(share.arn())
                            .principal(principal)
                            .build(),
                    underShare);
        }
        this.dnsProfileId = profile.id();
        registerOutputs(Map.of("dnsProfileId", dnsProfileId));
    }

    /** A stable logical name: the account id, or the organization's or unit's id at the end of its ARN. */
    static String principalName(String principal) {
        return principal.substring(principal.lastIndexOf('/') + 1);
    }
}
