package io.vpclattice.multicluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpclattice.multicluster.Mappers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading IAM policy documents in tests, whether the writer made one statement object or an array. */
public final class PolicyJson {
    private PolicyJson() {}

    public static JsonNode json(Object text) {
        try {
            return Mappers.JSON.readTree((String) text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a policy document, which must carry the current policy language version. */
    public static List<JsonNode> statements(Object policyText) {
        JsonNode root = json(policyText);
        assertEquals("2012-10-17", root.path("Version").asText(), "policy language version");
        JsonNode statement = root.get("Statement");
        var list = new ArrayList<JsonNode>();
        if (statement.isArray()) {
            statement.forEach(list::add);
        } else {
            list.add(statement);
        }
        return list;
    }

    /** A policy element that may be one string or a list of them, as a set; empty when absent. */
    public static Set<String> texts(JsonNode node) {
        var set = new TreeSet<String>();
        if (node == null || node.isMissingNode()) {
            return set;
        }
        if (node.isArray()) {
            node.forEach(n -> set.add(n.asText()));
        } else {
            set.add(node.asText());
        }
        return set;
    }
}
