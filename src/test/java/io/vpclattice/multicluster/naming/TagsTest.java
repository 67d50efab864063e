package io.vpclattice.multicluster.naming;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TagsTest {
    private static final Tags TAGS = new Tags("vpc-lattice-multicluster", "cluster1");

    @Test
    void aResourceIsNamedAndCarriesTheStacksTags() {
        assertEquals(
                Map.of(
                        "Name",
                        "eks-cluster1",
                        "project",
                        "vpc-lattice-multicluster",
                        "stack",
                        "cluster1",
                        "managed-by",
                        "pulumi"),
                TAGS.named("eks-cluster1"));
    }

    @Test
    void aResourceAddsTagsButCannotDropTheStacks() {
        var tags = TAGS.with(
                Map.of("Name", "subnet", "kubernetes.io/role/elb", "1", "stack", "other", "project", "other"));
        assertEquals("1", tags.get("kubernetes.io/role/elb"));
        assertEquals("cluster1", tags.get("stack"));
        assertEquals("vpc-lattice-multicluster", tags.get("project"));
        assertEquals("subnet", tags.get("Name"));
    }
}
