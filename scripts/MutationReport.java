import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads PIT's mutations.xml with the JDK's XML parser and prints, for scripts/mutation.sh: the score line, one line
 * per package, then every mutant no test killed, grouped by class. Run as a single source file, never compiled into
 * the program: {@code java scripts/MutationReport.java target/pit-reports/mutations.xml}.
 *
 * <p>A mutant counts as killed as PIT counts it (its {@code detected} attribute: killed, timed out, out of memory or
 * a run error); survived and no coverage are the ones left, and both are listed.
 */
public final class MutationReport {
    private MutationReport() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java MutationReport.java <mutations.xml>");
            System.exit(2);
        }
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document = factory.newDocumentBuilder().parse(new File(args[0]));
        NodeList mutations = document.getElementsByTagName("mutation");
        var packages = new TreeMap<String, int[]>();
        var survivors = new TreeMap<String, List<String>>();
        int killed = 0;
        for (int i = 0; i < mutations.getLength(); i++) {
            var mutation = (Element) mutations.item(i);
            String mutatedClass = text(mutation, "mutatedClass");
            String outerClass = mutatedClass.replaceAll("\\$.*", "");
            int[] counts = packages.computeIfAbsent(
                    outerClass.substring(0, Math.max(0, outerClass.lastIndexOf('.'))), p -> new int[2]);
            counts[1]++;
            if (Boolean.parseBoolean(mutation.getAttribute("detected"))) {
                killed++;
                counts[0]++;
                continue;
            }
            String mutator = text(mutation, "mutator").replaceAll(".*\\.", "");
            survivors
                    .computeIfAbsent(outerClass, c -> new ArrayList<>())
                    .add(String.format(
                            "line %s %s%s: %s [%s, %s]",
                            text(mutation, "lineNumber"),
                            mutatedClass.equals(outerClass) ? "" : mutatedClass.substring(outerClass.length()) + ".",
                            text(mutation, "mutatedMethod"),
                            text(mutation, "description"),
                            mutator,
                            mutation.getAttribute("status")));
        }
        int total = mutations.getLength();
        System.out.printf("mutation score: %d of %d mutants killed (%s)%n", killed, total, percent(killed, total));
        for (Map.Entry<String, int[]> entry : packages.entrySet()) {
            int[] counts = entry.getValue();
            System.out.printf(
                    "  %-40s %4d of %4d killed (%s)%n",
                    entry.getKey(), counts[0], counts[1], percent(counts[0], counts[1]));
        }
        int left = total - killed;
        System.out.printf("surviving mutants: %d%n", left);
        for (Map.Entry<String, List<String>> entry : survivors.entrySet()) {
            System.out.printf("%s (%d)%n", entry.getKey(), entry.getValue().size());
            entry.getValue().forEach(line -> System.out.println("  " + line));
        }
    }

    private static String text(Element mutation, String tag) {
        NodeList nodes = mutation.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    /** One decimal, rounded down, so 89.96% never reads as 90.0%. */
    private static String percent(int part, int whole) {
        if (whole == 0) {
            return "no mutants";
        }
        long tenths = part * 1000L / whole;
        return String.format(Locale.ROOT, "%d.%d%%", tenths / 10, tenths % 10);
    }
}
