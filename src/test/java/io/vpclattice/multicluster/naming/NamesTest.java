package io.vpclattice.multicluster.naming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The physical names users see in the console, kubectl and DNS, as docs and scripts name them. */
class NamesTest {

    @Test
    void theNamesOfAClusterStacksDemoAndServices() {
        assertEquals("demo-cluster1-v1", Names.demoApp("cluster1"));
        assertEquals("demo-cluster1-iam-auth-policy", Names.demoAuthPolicy("cluster1"));
        assertEquals("demo-cluster1.example.io", Names.demoHostname("cluster1", "example.io"));
        assertEquals("orders-cluster1.example.io", Names.serviceHostname("orders", "cluster1", "example.io"));
        assertEquals("orders-cluster1-iam-auth-policy", Names.authPolicy(Names.serviceRoute("orders", "cluster1")));
        assertEquals("eks-cluster1", Names.kubeContext(Names.eksCluster("cluster1")));
        assertEquals("vpc-lattice-ccpc-cluster2-dns-writer", Names.dnsWriterRole("vpc-lattice-ccpc", "cluster2"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "none,  none,                                 aws eks update-kubeconfig --name eks-c1 --alias eks-c1 --region eu-west-1",
                "dev,   none,                                 aws eks update-kubeconfig --name eks-c1 --alias eks-c1 --region eu-west-1 --profile dev",
                "none,  arn:aws:iam::123456789012:role/Admin, aws eks update-kubeconfig --name eks-c1 --alias eks-c1 --region eu-west-1 --role-arn arn:aws:iam::123456789012:role/Admin",
                "dev,   arn:aws:iam::123456789012:role/Admin, aws eks update-kubeconfig --name eks-c1 --alias eks-c1 --region eu-west-1 --profile dev --role-arn arn:aws:iam::123456789012:role/Admin"
            })
    void theKubectlCommandNamesTheContextProfileAndRole(String profile, String role, String command) {
        assertEquals(
                command,
                Names.configureKubectl("eks-c1", "eu-west-1", Optional.ofNullable(profile), Optional.ofNullable(role)));
    }

    /** IAM role names have at most 64 characters: 64 is built, 65 is refused with the name. */
    @Test
    void aClusterRoleHasAtMost64Characters() {
        String environment = "e".repeat(50);
        assertEquals(environment + "-c1-dns-writer", Names.clusterRole(environment, "c1", "dns-writer"));
        assertEquals(64, Names.clusterRole(environment, "c1", "dns-writer").length());
        var error = assertThrows(
                IllegalArgumentException.class, () -> Names.clusterRole(environment + "e", "c1", "dns-writer"));
        assertEquals("IAM role name longer than 64 characters: " + environment + "e-c1-dns-writer", error.getMessage());
    }
}
