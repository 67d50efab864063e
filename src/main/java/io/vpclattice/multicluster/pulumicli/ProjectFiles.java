package io.vpclattice.multicluster.pulumicli;

import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.ProjectStacks;
import io.vpclattice.multicluster.config.StackFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} files: which stacks exist, and the
 * configuration the Pulumi CLI would hand a stack's program, loaded with the CLI's own rules
 * ({@link PulumiProject}, {@link StackSettings}), so the offline plan refuses exactly what the CLI refuses. Each
 * stack file is read once per instance.
 */
public final class ProjectFiles implements StackFiles {
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.([^.]+)\\.ya?ml");

    private final Path directory;
    private final PulumiProject project;
    private final Map<String, StackSettings> settings = new HashMap<>();
    private ProjectStacks stacks;

    private ProjectFiles(Path directory, PulumiProject project) {
        this.directory = directory;
        this.project = project;
    }

    /** @throws io.vpclattice.multicluster.pulumicli.PulumiLoadException when the CLI would refuse Pulumi.yaml */
    public static ProjectFiles read(Path directory) {
        return new ProjectFiles(directory, PulumiProject.load(directory));
    }

    @Override
    public String projectName() {
        return project.name();
    }

    public PulumiProject project() {
        return project;
    }

    /** Stacks that have a settings file, sorted. */
    @Override
    public Set<String> stackNames() {
        return stackNames(directory);
    }

    /** Stacks that have a settings file in {@code directory}, sorted; empty when it cannot be listed. */
    private static Set<String> stackNames(Path directory) {
        var names = new TreeSet<String>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> STACK_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .forEach(m -> names.add(m.group(1)));
        } catch (IOException e) {
            return Set.of();
        }
        return names;
    }

    /**
     * What the CLI passes to the program of {@code stack}: project defaults, overridden by {@code Pulumi.<stack>.yaml}.
     *
     * @throws io.vpclattice.multicluster.pulumicli.PulumiLoadException when the CLI would refuse the stack
     */
    public synchronized StackSettings stackSettings(String stack) {
        StackSettings loaded = settings.get(stack);
        if (loaded == null) {
            loaded = StackSettings.load(project, directory, stack);
            settings.put(stack, loaded);
        }
        return loaded;
    }

    /**
     * The project's stacks and their roles, as {@link ProjectStacks#read} decides them from these files.
     *
     * @throws ConfigException when the stack files disagree about which stack is the environment
     * @throws io.vpclattice.multicluster.pulumicli.PulumiLoadException when the CLI would refuse a stack file
     */
    public synchronized ProjectStacks stacks() {
        if (stacks == null) {
            stacks = ProjectStacks.read(this);
        }
        return stacks;
    }

    @Override
    public Optional<String> declaredDefault(String key) {
        String qualified = project.qualified(key);
        return project.config().entrySet().stream()
                .filter(entry -> project.qualified(entry.getKey()).equals(qualified))
                .map(Map.Entry::getValue)
                .map(declaration ->
                        declaration.defaultValue() != null ? declaration.defaultValue() : declaration.value())
                .filter(Objects::nonNull)
                .map(String::valueOf)
                .findFirst();
    }

    /** @throws PulumiLoadException when the CLI would refuse the stack's file */
    @Override
    public Optional<String> value(String stack, String key) {
        return Optional.ofNullable(stackSettings(stack).values().get(project.qualified(key)));
    }

    @Override
    public boolean encrypted(String stack, String key) {
        return stackSettings(stack).secretKeys().contains(project.qualified(key));
    }

    /**
     * The stack's configuration for a run without the CLI (offline plan, tests): like {@link #stackSettings}, but
     * encrypted values, which only the CLI can decrypt, are refused.
     */
    public Map<String, String> stackConfig(String stack) {
        return withoutSecrets(stack, stackSettings(stack));
    }

    /** The values of {@code settings}, refusing encrypted ones, which only the CLI can decrypt. */
    public static Map<String, String> withoutSecrets(String stack, StackSettings settings) {
        if (!settings.secretKeys().isEmpty()) {
            throw new ConfigException(String.join(", ", settings.secretKeys()) + " in " + StackSettings.fileName(stack)
                    + " is encrypted; the offline plan cannot decrypt it");
        }
        return settings.values();
    }
}
