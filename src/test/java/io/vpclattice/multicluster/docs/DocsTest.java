package io.vpclattice.multicluster.docs;

import io.vpclattice.multicluster.stacks.ClusterOutputs;
import io.vpclattice.multicluster.stacks.EnvironmentOutputs;
import io.vpclattice.multicluster.testing.StackHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The docs stay true: their numbers add up, their tables list what the program has, their links lead somewhere. */
class DocsTest {
    private static final Path REPOSITORY = StackHarness.REPOSITORY;
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");

    private static String read(String file) throws IOException {
        return Files.readString(REPOSITORY.resolve(file));
    }

    @Test
    void theReadmeIsAGuideNotAReference() throws IOException {
        long bytes = Files.size(REPOSITORY.resolve("README.md"));
        assertTrue(bytes <= 25_000, "README.md is " + bytes + " bytes; details belong in docs/");
    }

    /** The cost table's totals are the sums of its rows, and the sentence after it follows from them. */
    @Test
    void theCostsAddUp() throws IOException {
        String readme = read("README.md");
        String table = readme.substring(readme.indexOf("| item | per cluster | environment |"));
        table = table.substring(0, table.indexOf("\n\n"));
        int cluster = 0;
        int environment = 0;
        int[] totals = null;
        for (String row : table.lines().toList()) {
            String[] cells = row.split("\\|", -1);
            if (cells.length < 4 || (!cells[2].contains("USD") && !cells[3].contains("USD"))) {
                continue;
            }
            int[] values = {usd(cells[2]), usd(cells[3])};
            if (row.contains("**total**")) {
                totals = values;
            } else {
                cluster += values[0];
                environment += values[1];
            }
        }
        assertTrue(totals != null, "no total row");
        assertEquals(cluster, totals[0], "per cluster");
        assertEquals(environment, totals[1], "environment");
        int deployment = 2 * cluster + environment;
        assertTrue(
                readme.contains(String.format("About %,d USD a month for the default deployment", deployment)),
                "two clusters and the environment: " + deployment);
        assertTrue(
                readme.contains(String.format("%,d USD when reusing a CA", deployment - 400)),
                "without the 400 USD CA: " + (deployment - 400));
    }

    private static int usd(String cell) {
        Matcher m = Pattern.compile("([\\d,]+) USD").matcher(cell);
        return m.find() ? Integer.parseInt(m.group(1).replace(",", "")) : 0;
    }

    @Test
    void theOutputTablesListEveryOutputOfTheRecords() throws IOException {
        String architecture = read("docs/ARCHITECTURE.md");
        assertEquals(names(EnvironmentOutputs.class), tableNames(architecture, "Environment outputs"));
        assertEquals(names(ClusterOutputs.class), tableNames(architecture, "Cluster outputs"));
    }

    private static Set<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The backquoted names in the first column of the table that follows {@code heading}. */
    private static Set<String> tableNames(String text, String heading) {
        String rest = text.substring(text.indexOf(heading));
        rest = rest.substring(rest.indexOf("| output |"));
        rest = rest.substring(0, rest.indexOf("\n\n"));
        var names = new TreeSet<String>();
        for (String row : rest.lines().toList()) {
            String[] cells = row.split("\\|", -1);
            if (cells.length > 1) {
                Matcher m = Pattern.compile("`([A-Za-z]+)`").matcher(cells[1]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void everyRelativeLinkLeadsToAFile() throws IOException {
        var broken = new ArrayList<String>();
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            var files = new ArrayList<Path>(
                    docs.filter(f -> f.toString().endsWith(".md")).toList());
            files.add(REPOSITORY.resolve("README.md"));
            for (Path file : files) {
                Matcher m = LINK.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.contains("://")
                            && !Files.exists(file.getParent().resolve(target))) {
                        broken.add(REPOSITORY.relativize(file) + " -> " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }
}
