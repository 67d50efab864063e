package io.vpclattice.multicluster.stacks;

import com.pulumi.exceptions.RunException;
import com.pulumi.resources.StackReference;
import io.vpclattice.multicluster.accounts.ClusterAccounts;
import io.vpclattice.multicluster.config.ClusterStackConfig;
import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ConfigSchema;
import io.vpclattice.multicluster.config.StackFiles;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.eks.AddonPlan;
import io.vpclattice.multicluster.eks.ClusterAccess;
import io.vpclattice.multicluster.eks.KubernetesUpgrade;
import io.vpclattice.multicluster.kubernetes.CrdManifests;
import io.vpclattice.multicluster.kubernetes.GatewayApiCrds;
import io.vpclattice.multicluster.naming.AccountRegion;
import io.vpclattice.multicluster.naming.Names;

import java.util.Optional;
import java.util.TreeSet;

/**
 * Everything a cluster stack must know, and every check that needs an answer from outside the program (AWS, the
 * environment stack, the pinned CRD files), done before its first resource is registered: a configuration AWS
 * cannot serve stops the run with nothing half-created. {@link #decide} is the checks alone, from the answers.
 *
 * @param crds        the Gateway API CRDs, checked against their pins
 * @param environment the environment's outputs
 * @param facts       what AWS answered
 * @param placement   home or member, and what follows
 * @param access      who administers the cluster and how Pulumi reaches it
 * @param addons      each managed add-on's version and order, from what the cluster runs now
 */
public record ClusterPreflight(
        CrdManifests crds,
        EnvironmentOutputs environment,
        ClusterFacts facts,
        ClusterPlacement placement,
        ClusterAccess access,
        AddonPlan addons) {

    /** Asks, then decides. */
    public static ClusterPreflight run(ClusterStackConfig config, CrdStore crdStore) {
        var crds = crdStore.manifests(GatewayApiCrds.release(config.platform().gatewayApiVersion()));
        var environment =
                EnvironmentOutputs.read(new StackReference(config.common().environmentStackReference()));
        var facts = ClusterFacts.lookUp(config);
        return decide(config, crds, environment, facts);
    }

    /**
     * The checks, in the order a user fixes them: the region, the account the credentials belong to, whether the
     * environment serves that account yet, whether Pulumi can act as the cluster's admin, and whether the cluster
     * can go from the Kubernetes version it runs to the one asked for in one run.
     *
     * @throws RunException or {@link ConfigException} with one line naming the key, the value and the fix
     */
    public static ClusterPreflight decide(
            ClusterStackConfig config, CrdManifests crds, EnvironmentOutputs environment, ClusterFacts facts) {
        var common = config.common();
        String cluster = config.cluster();
        if (!environment.region().equals(common.region())) {
            throw new RunException("stack " + cluster + " uses aws:region=" + common.region()
                    + " but the environment is in " + environment.region()
                    + ": VPC Lattice is regional; set aws:region to " + environment.region());
        }
        String stackFile = StackFiles.fileName(cluster);
        ClusterAccounts.placementProblem(
                        qualified(config, ConfigSchema.ACCOUNT_ID.name()),
                        common.clusterAccounts().configured(cluster),
                        facts.account(),
                        environment.account(),
                        stackFile)
                .ifPresent(ClusterPreflight::refuse);
        ClusterAccounts.unservedProblem(
                        cluster,
                        facts.account(),
                        environment.account(),
                        environment.servedClusters(),
                        qualified(config, ConfigSchema.SHARED_WITH.name()),
                        stackFile)
                .ifPresent(ClusterPreflight::refuse);
        Optional<String> admin = config.eks().clusterAdminArn();
        ClusterAccess.refusal(
                        admin, facts.callerPrincipalArn(), qualified(config, ConfigSchema.CLUSTER_ADMIN_ARN.name()))
                .ifPresent(ClusterPreflight::refuse);
        var access =
                ClusterAccess.decide(admin, facts.callerPrincipalArn()).withProviderCredentials(common.credentials());
        if (facts.account().equals(environment.account())) {
            // At home the environment's client role serves the pods: it must trust every namespace that calls.
            var untrusted = new TreeSet<>(common.calls().clientNamespaces(cluster));
            untrusted.removeAll(environment.clientNamespaces());
            if (!untrusted.isEmpty()) {
                refuse("namespaces " + String.join(", ", untrusted) + " of " + cluster + " call services (their pods"
                        + " run services or are named as callers), but the environment's client role does not trust"
                        + " them yet: run `pulumi up` on the environment, which reads every stack file, before this"
                        + " stack");
            }
        }
        var eks = config.eks();
        KubernetesUpgrade.refusal(
                        qualified(config, ConfigSchema.KUBERNETES_VERSION.name()),
                        eks.kubernetesVersion(),
                        Names.eksCluster(cluster),
                        facts.running())
                .ifPresent(ClusterPreflight::refuse);
        var addons = AddonPlan.decide(eks.addonVersions(), eks.kubernetesVersion(), facts.running());
        var location = new AccountRegion(facts.account(), common.region());
        var placement = ClusterPlacement.decide(location, environment, common.environmentName(), cluster);
        return new ClusterPreflight(crds, environment, facts, placement, access, addons);
    }

    private static String qualified(ClusterStackConfig config, String key) {
        return config.common().project() + ":" + key;
    }

    private static void refuse(String problem) {
        throw new ConfigException(problem);
    }
}
