package io.vpclattice.multicluster.offlineplan;

import io.vpclattice.multicluster.Mappers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a stack plan as {@code <stack>.json} and prints it as a tree of type, name and key inputs. */
public final class PlanWriter {
    private PlanWriter() {}

    /** Inputs worth a glance in the tree, in order of preference. */
    private static final List<String> KEY_INPUTS = List.of(
            "name",
            "cidrBlock",
            "domainName",
            "chart",
            "version",
            "nodeGroupName",
            "addonName",
            "addonVersion",
            "prefixListId",
            "cidrIpv4",
            "namespace",
            "serviceAccount",
            "principalArn",
            "type");

    public static Path write(StackPlan plan, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(plan.stack() + ".json");
        Mappers.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document(plan));
        return file;
    }

    /** The outputs of a plan written earlier. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readOutputs(Path planFile) throws IOException {
        Map<String, Object> document = Mappers.JSON.readValue(planFile.toFile(), Map.class);
        if (!(document.get("outputs") instanceof Map<?, ?> outputs) || document.containsKey("error")) {
            throw new IOException(planFile + " is not a successful stack plan");
        }
        return (Map<String, Object>) outputs;
    }

    public static Map<String, Object> document(StackPlan plan) {
        var resources = new ArrayList<Object>();
        for (var r : plan.resources()) {
            var resource = new LinkedHashMap<String, Object>();
            resource.put("urn", r.urn());
            resource.put("type", r.type());
            resource.put("name", r.name());
            resource.put("custom", r.custom());
            resource.put("parent", r.parent());
            resource.put("dependsOn", r.dependsOn());
            resource.put("provider", r.provider());
            resource.put("inputs", r.inputs());
            if (!r.ignoreChanges().isEmpty()) {
                resource.put("ignoreChanges", r.ignoreChanges());
            }
            if (!r.aliases().isEmpty()) {
                resource.put("aliases", r.aliases());
            }
            resources.add(resource);
        }
        var document = new LinkedHashMap<String, Object>();
        document.put("project", plan.project());
        document.put("stack", plan.stack());
        document.put("resources", resources);
        document.put(
                "stackReferences",
                plan.stackReferences().stream()
                        .map(name -> Map.of("name", name))
                        .toList());
        document.put("outputs", plan.outputs());
        plan.error().ifPresent(error -> document.put("error", error));
        return document;
    }

    public static void printTree(StackPlan plan, PrintStream out) {
        out.println(plan.stack() + " (" + plan.project() + "): "
                + plan.resources().size() + " resources"
                + (plan.stackReferences().isEmpty() ? "" : ", reads " + String.join(", ", plan.stackReferences())));
        var children = new HashMap<String, List<PlannedResource>>();
        for (var r : plan.resources()) {
            children.computeIfAbsent(r.parent() == null ? "" : r.parent(), k -> new ArrayList<>())
                    .add(r);
        }
        print(children, "", 1, out);
        out.println("  outputs:");
        plan.outputs().forEach((name, value) -> out.println("    " + name + " = " + abbreviate(String.valueOf(value))));
    }

    private static void print(Map<String, List<PlannedResource>> children, String parent, int depth, PrintStream out) {
        for (var r : children.getOrDefault(parent, List.of())) {
            out.println("  ".repeat(depth) + r.type() + " " + r.name() + keyInputs(r));
            print(children, r.urn(), depth + 1, out);
        }
    }

    @SuppressWarnings("unchecked")
    private static String keyInputs(PlannedResource r) {
        var inputs = r.inputs();
        if (inputs.get("metadata") instanceof Map<?, ?> metadata) {
            var m = (Map<String, Object>) metadata;
            return "  [" + (m.containsKey("namespace") ? m.get("namespace") + "/" : "") + m.get("name") + "]";
        }
        var shown = new ArrayList<String>();
        for (String key : KEY_INPUTS) {
            if (inputs.get(key) instanceof String value && shown.size() < 3) {
                shown.add(key + "=" + abbreviate(value));
            }
        }
        return shown.isEmpty() ? "" : "  " + String.join(" ", shown);
    }

    private static String abbreviate(String value) {
        String oneLine = value.replace('\n', ' ');
        return oneLine.length() > 100 ? oneLine.substring(0, 97) + "..." : oneLine;
    }
}
