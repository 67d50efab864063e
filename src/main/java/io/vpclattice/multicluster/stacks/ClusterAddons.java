package io.vpclattice.multicluster.stacks;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.components.ClusterHandle;
import io.vpclattice.multicluster.components.HelmAddon;
import io.vpclattice.multicluster.kubernetes.ApiKind;
import io.vpclattice.multicluster.kubernetes.CrdManifests;
import io.vpclattice.multicluster.kubernetes.HelmCharts;
import io.vpclattice.multicluster.kubernetes.SidecarInjection;
import io.vpclattice.multicluster.kubernetes.SigV4Sidecar;
import io.vpclattice.multicluster.naming.Tags;
import io.vpclattice.multicluster.policies.Policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Helm add-ons every cluster runs, each a {@link HelmAddon} with its chart, values, identity and objects. */
final class ClusterAddons {
    private ClusterAddons() {}

    /**
     * The Gateway API CRDs and the AWS Gateway API Controller that turns Gateway API objects into VPC Lattice
     * services. On destroy the release goes before the CRDs, so the controller can still finalise routes.
     */
    static HelmAddon gatewayApiController(
            ClusterHandle cluster,
            CrdManifests crds,
            String chartVersion,
            Output<String> vpcId,
            String roleName,
            Tags tags) {
        var crdObjects = new ArrayList<HelmAddon.AddonObject>();
        var files = crds.release().files();
        for (int i = 0; i < files.size(); i++) {
            int index = i;
            crdObjects.add(new HelmAddon.AddonObject(
                    "crd-" + files.get(i).crdName().split("\\.", -1)[0],
                    ApiKind.CUSTOM_RESOURCE_DEFINITION,
                    Output.of(crds.manifests()).applyValue(all -> all.get(index))));
        }
        return new HelmAddon(
                HelmAddon.GATEWAY_API_CONTROLLER,
                "gateway-api-controller",
                new HelmAddon.Args(
                        cluster,
                        HelmCharts.GATEWAY_CONTROLLER,
                        chartVersion,
                        Output.tuple(cluster.clusterName(), vpcId)
                                .applyValue(t -> HelmCharts.gatewayControllerValues(
                                        t.t1,
                                        t.t2,
                                        cluster.location().region(),
                                        cluster.location().account())),
                        Optional.of(new HelmAddon.Identity(
                                roleName,
                                "AWS Gateway API Controller of " + cluster.eksClusterName() + " (EKS Pod Identity)",
                                Policies.gatewayControllerPermissions(
                                        cluster.location().partition()),
                                tags)),
                        new HelmAddon.Objects(List.of(), crdObjects, List.of())),
                cluster.inCluster());
    }

    /**
     * ExternalDNS, publishing the DNSEndpoint objects the controller writes into the environment's private zone,
     * with a role limited to that zone (or, for a member, to the zone account's writer role). Its drain Deployment
     * follows it: routes depend on the drain, so on destroy ExternalDNS outlives them long enough to remove their
     * records.
     *
     * @param dnsEndpointCrd  what installs the DNSEndpoint CRD (the controller's release)
     * @param writerRoleArn   the zone account's role ExternalDNS writes through when the zone is in another account
     */
    static HelmAddon externalDns(
            ClusterHandle cluster,
            String domain,
            String zoneArn,
            Optional<String> writerRoleArn,
            String chartVersion,
            String roleName,
            Resource dnsEndpointCrd,
            Tags tags) {
        return new HelmAddon(
                HelmAddon.EXTERNAL_DNS,
                "external-dns",
                new HelmAddon.Args(
                        cluster,
                        HelmCharts.EXTERNAL_DNS,
                        chartVersion,
                        Output.of(HelmCharts.externalDnsValues(
                                domain,
                                cluster.eksClusterName(),
                                cluster.location().region(),
                                writerRoleArn)),
                        Optional.of(new HelmAddon.Identity(
                                roleName,
                                "ExternalDNS of " + cluster.eksClusterName()
                                        + ": records of the private zone only (EKS Pod Identity)",
                                writerRoleArn
                                        .map(Policies::assumeRolePermissions)
                                        .orElseGet(() -> Policies.externalDnsPermissions(zoneArn)),
                                tags)),
                        new HelmAddon.Objects(
                                List.of(dnsEndpointCrd),
                                List.of(),
                                List.of(HelmAddon.AddonObject.of("drain", HelmCharts.dnsDrainDeployment())))),
                cluster.inCluster());
    }

    /**
     * Kyverno and the policy that adds the SigV4 sidecar to labelled pods in client namespaces. The policy follows
     * the release, which waits until Kyverno's admission controller is ready, and goes before it on destroy.
     */
    static HelmAddon kyverno(ClusterHandle cluster, String chartVersion, SigV4Sidecar sidecar) {
        return new HelmAddon(
                HelmAddon.KYVERNO,
                "kyverno",
                new HelmAddon.Args(
                        cluster,
                        HelmCharts.KYVERNO,
                        chartVersion,
                        Output.of(HelmCharts.kyvernoValues()),
                        Optional.empty(),
                        new HelmAddon.Objects(
                                List.of(),
                                List.of(),
                                List.of(HelmAddon.AddonObject.of("sidecar-policy", SidecarInjection.policy(sidecar))))),
                cluster.inCluster());
    }
}
