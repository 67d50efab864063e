package io.vpclattice.multicluster.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.vpclattice.multicluster.kubernetes.ApiKind;
import io.vpclattice.multicluster.kubernetes.GatewayApiManifests;
import io.vpclattice.multicluster.kubernetes.HelmCharts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GatewayClass of the AWS controller and a Gateway named after the shared service network: the controller finds
 * the network by the Gateway's name, which is how every cluster's routes meet in one service network.
 */
public class LatticeGateway extends ComponentResource {
    public static final String TYPE = "multicluster:k8s:LatticeGateway";

    /**
     * @param gatewayName the Gateway's name, which the controller finds the service network by
     * @param runsAfter   the controller release (it finalises these objects on delete) and this VPC's association
     */
    public record Args(
            String gatewayName, Output<String> certificateArn, boolean httpListener, List<Resource> runsAfter) {}

    /** Routes attach to this Gateway. */
    public final KubernetesObject gateway;

    public LatticeGateway(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var afterController = CustomResourceOptions.builder()
                .parent(this)
                .dependsOn(args.runsAfter())
                .build();
        var gatewayClass = new KubernetesObject(name + "-class", GatewayApiManifests.gatewayClass(), afterController);
        var namespace = new KubernetesObject(
                name + "-namespace",
                GatewayApiManifests.namespace(GatewayApiManifests.GATEWAY_NAMESPACE, HelmCharts.RESTRICTED),
                afterController);
        var dependencies = new ArrayList<Resource>(args.runsAfter());
        dependencies.add(gatewayClass);
        dependencies.add(namespace);
        this.gateway = new KubernetesObject(
                name,
                ApiKind.GATEWAY,
                args.certificateArn()
                        .applyValue(certificate ->
                                GatewayApiManifests.gateway(args.gatewayName(), certificate, args.httpListener())),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(dependencies)
                        .build());
        registerOutputs(Map.of());
    }
}
