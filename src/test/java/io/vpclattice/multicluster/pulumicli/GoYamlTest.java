package io.vpclattice.multicluster.pulumicli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scalars resolve as gopkg.in/yaml.v3 v3.0.1 {@code resolve()} resolves them, not as YAML 1.1 (SnakeYAML) would. */
class GoYamlTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            1.35                  | float64   | 1.35
            '"1.35"'              | string    | 1.35
            v1.5.1                | string    | v1.5.1
            1.21.1                | string    | 1.21.1
            10.0.0.0/16           | string    | 10.0.0.0/16
            true                  | bool      | true
            True                  | bool      | true
            yes                   | string    | yes
            on                    | string    | on
            '~'                   | <nil>     | none
            <<                    | string    | <<
            null                  | <nil>     | none
            010                   | int       | 8
            08                    | float64   | 8
            0o17                  | int       | 15
            0b11                  | int       | 3
            0x1F                  | int       | 31
            +5                    | int       | 5
            1_000                 | int       | 1000
            .5                    | float64   | 0.5
            1e3                   | float64   | 1000
            9223372036854775808   | uint64    | 9223372036854775808
            '!!str 42'            | string    | 42
            '!!float 3'           | float64   | 3
            2020-1-2              | time.Time | 2020-01-02 00:00:00 +0000 UTC
            2020-01-02T03:04:05Z  | time.Time | 2020-01-02 03:04:05 +0000 UTC
            '2020-01-02 03:04:05' | time.Time | 2020-01-02 03:04:05 +0000 UTC
            2020-01-02T03:04:05.120+02:00 | time.Time | 2020-01-02 03:04:05.12 +0200 +0200
            1e400                 | string    | 1e400
            -1e400                | string    | -1e400
            .5e400                | string    | .5e400
            1e-400                | float64   | 0
            1e6                   | float64   | 1e+06
            123456.5              | float64   | 123456.5
            0.0001                | float64   | 0.0001
            0.00001               | float64   | 1e-05
            .inf                  | float64   | +Inf
            -.Inf                 | float64   | -Inf
            .nan                  | float64   | NaN
            """)
    void scalarsGetTheGoTypeTheCliSees(String yaml, String goType, String value) {
        Object decoded = ((Map<?, ?>) GoYaml.decode("k: " + yaml)).get("k");
        assertEquals(goType, GoKind.of(decoded).typeName);
        assertEquals(value, decoded == null ? null : GoValues.text(decoded));
    }

    @org.junit.jupiter.api.Test
    void structureAnchorsAndDuplicates() {
        assertEquals(Map.of("a", List.of(1L, "x"), "b", List.of(1L, "x")), GoYaml.decode("a: &l [1, x]\nb: *l\n"));
        assertEquals(Map.of(1L, "one"), GoYaml.decode("1: one\n"), "keys resolve like values");
        assertEquals(
                BigInteger.class,
                ((Map<?, ?>) GoYaml.decode("k: 18446744073709551615")).get("k").getClass());
        var error = assertThrows(GoYaml.YamlError.class, () -> GoYaml.decode("a: 1\nb: 2\na: 3\n"));
        assertEquals("unmarshal errors: line 3: mapping key \"a\" already defined at line 1", error.getMessage());
        assertEquals(
                "yaml: unmarshal errors: line 3: mapping key \"a\" already defined at line 1",
                error.cliText(),
                "a type error reaches the CLI's message as it is");
        assertTrue(
                assertThrows(GoYaml.YamlError.class, () -> GoYaml.decode("a: [1\n"))
                        .cliText()
                        .startsWith("invalid YAML file: yaml: "),
                "any other error is prefixed");
        assertEquals(
                "unmarshal errors: line 2: mapping key \"a\\\"b\\\\c\" already defined at line 1",
                assertThrows(GoYaml.YamlError.class, () -> GoYaml.decode("\"a\\\"b\\\\c\": 1\n'a\"b\\c': 2\n"))
                        .getMessage(),
                "keys are quoted as Go's %#v quotes them");
        assertTrue(assertThrows(GoYaml.YamlError.class, () -> GoYaml.decode("a: [1\n"))
                        .getMessage()
                        .length()
                > 0);
        assertEquals(
                "cannot decode !!str `x` as a !!int",
                assertThrows(GoYaml.YamlError.class, () -> GoYaml.decode("k: !!int x\n"))
                        .getMessage());
    }

    /**
     * Merge keys as yaml.v3 v3.0.1 {@code decoder.mapping} and {@code decoder.merge} apply them: the mapping's own
     * keys first, wherever {@code <<} stands, then each merged map in order, skipping every key already set (even
     * to null); {@code <<} merges when plain (untagged or {@code !}) or tagged {@code !!merge}, while a quoted
     * {@code "<<"} is a plain key; merged values are taken whole, not merged in turn.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            own key before the merge key wins      | m: {a: 3, <<: {a: 1, c: 2}}                                  | {a=3, c=2}
            own key after the merge key wins       | m: {<<: {a: 1, c: 2}, a: 3}                                  | {a=3, c=2}
            block style                            | b: &b {a: 1}\\nm:\\n  c: 2\\n  <<: *b                          | {a=1, c=2}
            an alias of a map                      | b: &b {a: 1}\\nm: {<<: *b, c: 2}                              | {a=1, c=2}
            earlier maps of a sequence win         | x: &x {a: 1}\\ny: &y {a: 2, b: 2}\\nm: {<<: [*x, *y]}          | {a=1, b=2}
            inline maps and aliases in a sequence  | x: &x {a: 1}\\nm: {<<: [{a: 2, b: 2}, *x]}                    | {a=2, b=2}
            an own null is kept                    | m: {a: ~, <<: {a: 1}}                                        | {a=null}
            a merged null is kept                  | m: {<<: [{a: ~}, {a: 1}]}                                    | {a=null}
            a merged map's own merges              | o: &o {d: 4}\\ni: &i {<<: *o, e: 5}\\nm: {<<: *i, e: 6}        | {d=4, e=6}
            merged values are taken whole          | b: &b {in: {a: 1, b: 2}}\\nm: {<<: *b, in: {a: 10}}           | {in={a=10}}
            the !!merge tag                        | m: {!!merge "<<": {a: 1}}                                    | {a=1}
            the long merge tag                     | m: {!<tag:yaml.org,2002:merge> '<<': {a: 1}}                 | {a=1}
            the non-specific tag                   | m: {! <<: {a: 1}}                                            | {a=1}
            a quoted key is a plain key            | m: {"<<": {a: 1}}                                            | {<<={a=1}}
            """)
    void mergeKeysFollowYamlV3(String rule, String yaml, String merged) {
        var document = (Map<?, ?>) GoYaml.decode(yaml.replace("\\n", "\n"));
        assertEquals(merged, new TreeMap<>((Map<?, ?>) document.get("m")).toString(), rule);
    }

    /** yaml.v3's {@code failWantMap}: anything but a map, an alias of a map or a sequence of those. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a scalar                          | m: {<<: 1}
            null                              | m: {<<: ~}
            a scalar in a sequence            | m: {<<: [{a: 1}, 2]}
            a sequence in a sequence          | m: {<<: [[{a: 1}]]}
            an alias of a sequence of maps    | s: &s [{a: 1}]\\nm: {<<: *s}
            an alias of a scalar in a sequence | s: &s 1\\nm: {<<: [*s]}
            """)
    void mergeKeysRefuseWhatIsNotAMap(String value, String yaml) {
        var error = assertThrows(GoYaml.YamlError.class, () -> GoYaml.decode(yaml.replace("\\n", "\n")));
        assertEquals("map merge requires map or sequence of maps as the value", error.getMessage(), value);
    }
}
