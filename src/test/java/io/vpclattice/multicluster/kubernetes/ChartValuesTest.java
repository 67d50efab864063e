package io.vpclattice.multicluster.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vpclattice.multicluster.Mappers;
import io.vpclattice.multicluster.config.ConfigSchema;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The values the program gives each chart are values that chart declares (its own values.yaml at the pinned
 * version, in src/test/resources/charts), and pass its values.schema.json, which Helm checks before rendering.
 */
class ChartValuesTest {
    private static final Path CHARTS = StackHarness.REPOSITORY.resolve("src/test/resources/charts");

    static Stream<Arguments> charts() {
        return Stream.of(
                Arguments.of(
                        Named.of(
                                "aws-gateway-controller-chart "
                                        + ConfigSchema.GATEWAY_CONTROLLER_CHART_VERSION.defaultValue(),
                                "aws-gateway-controller-chart-"
                                        + ConfigSchema.GATEWAY_CONTROLLER_CHART_VERSION.defaultValue()),
                        HelmCharts.gatewayControllerValues("eks-cluster1", "vpc-1", "eu-west-1", "123456789012")),
                Arguments.of(
                        Named.of(
                                "external-dns " + ConfigSchema.EXTERNAL_DNS_CHART_VERSION.defaultValue(),
                                "external-dns-" + ConfigSchema.EXTERNAL_DNS_CHART_VERSION.defaultValue()),
                        HelmCharts.externalDnsValues(
                                "example.internal",
                                "eks-cluster1",
                                "eu-west-1",
                                Optional.of("arn:aws:iam::123456789012:role/writer"))),
                Arguments.of(
                        Named.of(
                                "kyverno " + ConfigSchema.KYVERNO_CHART_VERSION.defaultValue(),
                                "kyverno-" + ConfigSchema.KYVERNO_CHART_VERSION.defaultValue()),
                        HelmCharts.kyvernoValues()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyValueSetIsOneTheChartDeclares(String chart, Map<String, Object> values) throws IOException {
        JsonNode declared = new YAMLMapper()
                .readTree(CHARTS.resolve(chart).resolve("values.yaml").toFile());
        var undeclared = new ArrayList<String>();
        undeclared(Mappers.JSON.valueToTree(values), declared, "", undeclared);
        assertEquals(List.of(), undeclared, "values the chart's values.yaml does not declare");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void theMergedValuesPassTheChartsSchema(String chart, Map<String, Object> values) throws IOException {
        Path schemaFile = CHARTS.resolve(chart).resolve("values.schema.json");
        if (!Files.exists(schemaFile)) {
            return; // the chart has no schema: Helm checks nothing more
        }
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(Mappers.JSON.readTree(schemaFile.toFile()));
        JsonNode merged = new YAMLMapper()
                .readTree(CHARTS.resolve(chart).resolve("values.yaml").toFile());
        merge((ObjectNode) merged, Mappers.JSON.valueToTree(values));
        Set<String> problems = schema.validate(merged).stream()
                .map(ValidationMessage::getMessage)
                .collect(Collectors.toSet());
        assertEquals(Set.of(), problems);
    }

    /** Helm's merge of user values over the chart's: maps merge key by key, anything else replaces. */
    private static void merge(ObjectNode into, JsonNode values) {
        for (var field : values.properties()) {
            if (field.getValue().isObject() && into.get(field.getKey()) instanceof ObjectNode existing) {
                merge(existing, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    /**
     * Paths of {@code values} the chart does not declare. A key under a map the chart leaves empty ({@code {}}: free
     * form, such as extraArgs or annotations) or under a list counts as declared.
     */
    private static void undeclared(JsonNode values, JsonNode declared, String path, List<String> found) {
        for (var field : values.properties()) {
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode chart = declared.get(field.getKey());
            if (chart == null) {
                found.add(key);
            } else if (field.getValue().isObject() && chart.isObject() && !chart.isEmpty()) {
                undeclared(field.getValue(), chart, key, found);
            }
        }
    }
}
