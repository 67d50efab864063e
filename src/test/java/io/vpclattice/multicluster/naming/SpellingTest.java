package io.vpclattice.multicluster.naming;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "Did you mean": the closest known name at most two edits away, ignoring case, ties in alphabetical order. */
class SpellingTest {

    @ParameterizedTest(name = "{0} among {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            vpcCidr     | vpcCidr natGateways          | ' (did you mean vpcCidr?)'
            VPCCIDR     | vpcCidr natGateways          | ' (did you mean vpcCidr?)'
            vpcCdr      | vpcCidr natGateways          | ' (did you mean vpcCidr?)'
            vpcCr       | vpcCidr natGateways          | ' (did you mean vpcCidr?)'
            vpcC        | vpcCidr natGateways          | ''
            abcd        | abxy zbcd                    | ' (did you mean zbcd?)'
            ab          | ac ab1                       | ' (did you mean ab1?)'
            ab          | ab1 ac                       | ' (did you mean ab1?)'
            """)
    void didYouMeanTheClosestNameAtMostTwoEditsAway(String typed, String known, String hint) {
        assertEquals(hint, Spelling.didYouMean(typed, List.of(known.split(" ", -1))));
    }
}
