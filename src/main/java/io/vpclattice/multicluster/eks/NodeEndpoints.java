package io.vpclattice.multicluster.eks;

import java.util.List;

/**
 * The VPC endpoints a cluster VPC gets with {@code interfaceEndpoints: true}: those EKS nodes use (EKS User Guide,
 * "Deploy private clusters with limited internet access", https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html:
 * EC2, ECR API and Docker registry, S3 as a gateway endpoint for image layers, CloudWatch Logs, STS), and the
 * Systems Manager endpoints that Security Hub's controls EC2.57, EC2.58 and EC2.60 look for, which nothing in the
 * cluster calls. NAT stays: the charts and images come from public registries (public.ecr.aws, registry.k8s.io),
 * which VPC endpoints do not serve, so the endpoints keep AWS API traffic off the internet rather than replace it.
 *
 * <p>Interface endpoints are billed per endpoint and zone: the ones nodes use are in every zone, so that a zone's
 * nodes do not depend on another zone; the three compliance-only ones in the first zone alone.
 *
 * @param service     the part after {@code com.amazonaws.<region>.}
 * @param gateway     a gateway endpoint (route-table entries, free) rather than an interface endpoint
 * @param everyZone   an interface endpoint in each zone's private subnet; otherwise in the first zone's only
 * @param control     the Security Hub control it satisfies, if any
 */
public record NodeEndpoints(String service, boolean gateway, boolean everyZone, String control) {

    public static final List<NodeEndpoints> ALL = List.of(
            new NodeEndpoints("ec2", false, true, "EC2.10"),
            new NodeEndpoints("ecr.api", false, true, "EC2.55"),
            new NodeEndpoints("ecr.dkr", false, true, "EC2.56"),
            new NodeEndpoints("sts", false, true, ""),
            new NodeEndpoints("logs", false, true, ""),
            new NodeEndpoints("s3", true, true, ""),
            new NodeEndpoints("ssm", false, false, "EC2.57"),
            new NodeEndpoints("ssm-contacts", false, false, "EC2.58"),
            new NodeEndpoints("ssm-incidents", false, false, "EC2.60"));

    /**
     * The endpoint service's name in {@code region}. (Regions of the China partition name a few services
     * {@code cn.com.amazonaws.<region>.<service>}; this program's regions are those of the aws partition.)
     */
    public String serviceName(String region) {
        return "com.amazonaws." + region + "." + service;
    }

    /** Interface endpoint-zones, which PrivateLink bills by the hour: the README's cost row. */
    public static int billedEndpointZones(int zones) {
        return ALL.stream()
                .filter(e -> !e.gateway())
                .mapToInt(e -> e.everyZone() ? zones : 1)
                .sum();
    }
}
