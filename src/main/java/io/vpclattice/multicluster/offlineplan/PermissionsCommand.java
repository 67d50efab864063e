package io.vpclattice.multicluster.offlineplan;

import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.crdfiles.CrdStore;
import io.vpclattice.multicluster.pulumicli.PulumiLoadException;
import io.vpclattice.multicluster.stacks.DeployerPolicy;
import io.vpclattice.multicluster.stacks.DeployerPolicy.Kind;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code permissions [--stack-files DIR] [--stack STACK] | --write}: what the deployer of each stack needs in AWS,
 * derived from the offline plan of the project's stacks (the resource types each registers and the data sources it
 * reads): the actions of each kind of stack (environment, home cluster, member cluster), or with {@code --stack}
 * one stack's IAM policy as JSON. {@code --write} rewrites docs/multi-account.md's section between its markers from the plans
 * of {@code examples/two-accounts}, which has a stack of each kind. A usage error exits 2; a plan that fails, or a
 * resource type no permission is known for, exits 1.
 */
public final class PermissionsCommand {
    public static final String NAME = "permissions";
    static final String USAGE = """
            usage: permissions [--stack-files DIR] [--stack STACK] | --write
              the AWS permissions each stack's deployer needs, from the offline plan of the project's stacks
              --stack STACK      that stack's deployer policy as IAM JSON
              --stack-files DIR  plan the Pulumi.<stack>.yaml files of DIR instead of the project's own
              --write            rewrite the section of docs/multi-account.md between its markers from examples/two-accounts""";
    static final String EXAMPLE = "examples/two-accounts";

    private PermissionsCommand() {}

    /** The plans of every stack, with the kind of each. */
    record Planned(Map<String, StackPlan> plans, Map<String, Kind> kinds) {
        Map<Kind, Set<String>> typesByKind() {
            var types = new EnumMap<Kind, Set<String>>(Kind.class);
            kinds.forEach((stack, kind) ->
                    types.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(types(plans.get(stack))));
            return types;
        }
    }

    public static int run(Path projectDirectory, List<String> args, PrintStream out, PrintStream err) {
        Optional<String> stack = Optional.empty();
        Optional<Path> stackFiles = Optional.empty();
        boolean write = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (arg.equals("--stack") && i + 1 < args.size() && stack.isEmpty()) {
                stack = Optional.of(args.get(++i));
            } else if (arg.equals("--stack-files") && i + 1 < args.size() && stackFiles.isEmpty()) {
                stackFiles = Optional.of(Path.of(args.get(++i)));
            } else if (arg.equals("--write") && !write) {
                write = true;
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (write && (stack.isPresent() || stackFiles.isPresent())) {
            err.println(USAGE);
            return 2;
        }
        try {
            if (write) {
                stackFiles = Optional.of(projectDirectory.resolve(EXAMPLE));
            }
            if (stackFiles.isPresent() && !Files.isDirectory(stackFiles.get())) {
                err.println("error: --stack-files " + stackFiles.get() + ": not a directory");
                return 2;
            }
            Path planned = stackFiles.isPresent()
                    ? PlanCommand.withStackFiles(projectDirectory, stackFiles.get())
                    : projectDirectory;
            var result = plan(planned, err);
            if (result.isEmpty()) {
                return 1;
            }
            var types = result.get().typesByKind();
            var unknown = new TreeSet<String>();
            types.values().forEach(kindTypes -> unknown.addAll(DeployerPolicy.unknownTypes(kindTypes)));
            if (!unknown.isEmpty()) {
                err.println("error: no deployer permissions are known for " + String.join(", ", unknown)
                        + "; add them to policies/DeployerPermissions");
                return 1;
            }
            if (write) {
                Path document = projectDirectory.resolve(DeployerPolicy.DOCUMENT);
                String text = Files.readString(document);
                String changed = DeployerPolicy.rewriteReadme(text, DeployerPolicy.readmeSection(types));
                if (!changed.equals(text)) {
                    Files.writeString(document, changed);
                }
                out.println("wrote " + DeployerPolicy.DOCUMENT);
                return 0;
            }
            if (stack.isPresent()) {
                return printStack(result.get(), stack.get(), out, err);
            }
            printKinds(result.get(), types, out);
            return 0;
        } catch (ConfigException | PulumiLoadException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Plans every stack of the project; empty, after one line per failure, when any fails. */
    static Optional<Planned> plan(Path project, PrintStream err) {
        var planner = new OfflinePlanner(project, CrdStore.offline());
        var stacks = planner.stacks();
        var plans = new LinkedHashMap<String, StackPlan>();
        planner.planFromFiles(stacks.all()).forEach(plan -> plans.put(plan.stack(), plan));
        boolean failed = false;
        for (StackPlan plan : plans.values()) {
            if (!plan.succeeded()) {
                err.println("error: stack " + plan.stack() + ": " + plan.error().orElseThrow());
                failed = true;
            }
        }
        if (!planner.notPlanned().isEmpty()) {
            err.println("error: not planned, because they read the environment, whose plan failed: "
                    + String.join(", ", planner.notPlanned()));
            failed = true;
        }
        if (failed) {
            return Optional.empty();
        }
        String environment = stacks.environment();
        Object environmentAccount = plans.get(environment).outputs().get("account");
        var kinds = new LinkedHashMap<String, Kind>();
        plans.forEach((name, plan) -> kinds.put(
                name,
                DeployerPolicy.kind(
                        name.equals(environment),
                        String.valueOf(plan.outputs().get("account")),
                        String.valueOf(environmentAccount))));
        return Optional.of(new Planned(plans, kinds));
    }

    /** What a stack's deployer calls: its resource types and data sources. */
    static Set<String> types(StackPlan plan) {
        var types = new TreeSet<String>(plan.invokes());
        plan.resources().forEach(resource -> types.add(resource.type()));
        return types;
    }

    private static int printStack(Planned planned, String stack, PrintStream out, PrintStream err) {
        var plan = planned.plans().get(stack);
        if (plan == null) {
            err.println("error: unknown stack '" + stack + "': the project's stacks are "
                    + String.join(", ", planned.plans().keySet()));
            return 2;
        }
        out.println(DeployerPolicy.json(
                types(plan), DeployerPolicy.kubeconfigRole(plan.outputs().get("kubernetesIdentity"))));
        return 0;
    }

    private static void printKinds(Planned planned, Map<Kind, Set<String>> types, PrintStream out) {
        for (Kind kind : Kind.values()) {
            if (!types.containsKey(kind)) {
                continue;
            }
            var stacks = new ArrayList<String>();
            planned.kinds().forEach((stack, stackKind) -> {
                if (stackKind == kind) {
                    stacks.add(stack);
                }
            });
            out.println(kind.label + " (" + String.join(", ", stacks) + "):");
            DeployerPolicy.actions(types.get(kind)).forEach(action -> out.println("  " + action));
            var linked = DeployerPolicy.serviceLinkedRoles(types.get(kind));
            if (!linked.isEmpty()) {
                out.println("  iam:CreateServiceLinkedRole for " + String.join(", ", linked));
            }
            for (String stack : stacks) {
                DeployerPolicy.kubeconfigRole(
                                planned.plans().get(stack).outputs().get("kubernetesIdentity"))
                        .ifPresent(
                                role -> out.println("  sts:AssumeRole on " + role + " (" + stack + "'s kubeconfig)"));
            }
        }
    }
}
