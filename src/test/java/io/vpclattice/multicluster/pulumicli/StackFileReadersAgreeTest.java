package io.vpclattice.multicluster.pulumicli;

import io.vpclattice.multicluster.config.ConfigException;
import io.vpclattice.multicluster.config.PlainStackFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The two readers of stack files, the CLI's load rules (offline plan, scripts) and the plain reader {@code pulumi up}
 * reads the other stacks' files with, refuse the same files with the same message and read the same values.
 */
class StackFileReadersAgreeTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path directory;

    private void stackFile(String text) throws IOException {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Files.writeString(directory.resolve("Pulumi.environment.yaml"), "config: {}\n");
        Files.writeString(directory.resolve("Pulumi.cluster1.yaml"), text.replace("\\n", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'config:\\n  kubernetesVersion: "1.34"\\n  vpc-lattice-multicluster:kubernetesVersion: "1.33"\\n' | Pulumi.cluster1.yaml sets vpc-lattice-multicluster:kubernetesVersion twice, as kubernetesVersion and as vpc-lattice-multicluster:kubernetesVersion; the Pulumi CLI would keep one of them at random: keep one
            'config:\\n  accountId: "1"\\n  vpc-lattice-multicluster:config:accountId: "2"\\n'              | Pulumi.cluster1.yaml sets vpc-lattice-multicluster:accountId twice, as accountId and as vpc-lattice-multicluster:config:accountId; the Pulumi CLI would keep one of them at random: keep one
            'config:\\n  - vpc-lattice-multicluster:accountId\\n'                                           | Pulumi.cluster1.yaml: invalid YAML file: could not unmarshal map: yaml: unmarshal errors: line 2: cannot unmarshal !!seq into map[string]config.Value
            'config: accountId\\n'                                                                       | Pulumi.cluster1.yaml: invalid YAML file: could not unmarshal map: yaml: unmarshal errors: line 1: cannot unmarshal !!str `accountId` into map[string]config.Value
            'config:\\n  accountId: "1"\\n  accountId: "2"\\n'                                             | Pulumi.cluster1.yaml: yaml: unmarshal errors: line 3: mapping key "accountId" already defined at line 2
            'config:\\n  allowedCallers: [a, .nan]\\n'                                                     | Pulumi.cluster1.yaml: vpc-lattice-multicluster:allowedCallers[1]=.nan: YAML reads .nan as not-a-number, which the Pulumi CLI cannot hand to a program (it stops with "invalid YAML file: could not unmarshal map: json: error calling MarshalJSON for type config.object: json: unsupported value: NaN"); write a number, or quote the value if text is meant
            'config:\\n  accountId: -.inf\\n'                                                              | Pulumi.cluster1.yaml: vpc-lattice-multicluster:accountId=-.inf: YAML reads -.inf as a floating-point infinity, which the Pulumi CLI cannot hand to a program (it stops with "invalid YAML file: could not unmarshal map: json: unsupported value: -Inf"); write a number, or quote the value if text is meant
            """)
    void bothRefuseWithTheSameMessage(String text, String message) throws IOException {
        stackFile(text);
        var cli = assertThrows(
                PulumiLoadException.class, () -> ProjectFiles.read(directory).stackSettings("cluster1"));
        assertEquals(message, cli.getMessage());
        var plain = assertThrows(
                ConfigException.class, () -> PlainStackFiles.read(directory).value("cluster1", "accountId"));
        assertEquals(message, plain.problems().get(0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1e400            | 1e400
            -1e400           | -1e400
            '"1.30"'         | 1.30
            1.30             | 1.3
            1e21             | 1e+21
            vpc-lattice-multicluster:config:accountId | vpc-lattice-multicluster:config:accountId
            """)
    void bothReadTheSameValue(String written, String expected) throws IOException {
        stackFile("config:\\n  accountId: " + written + "\\n");
        assertEquals(
                expected,
                ProjectFiles.read(directory).value("cluster1", "accountId").orElseThrow());
        assertEquals(
                expected,
                PlainStackFiles.read(directory).value("cluster1", "accountId").orElseThrow());
    }
}
