package io.carveout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The include lines a text names, as the workspace index reads them: cases as data. */
class IncludeLinesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("#include \"soc.dtsi\"\n", List.of("\"soc.dtsi\"")),
                Arguments.of("#include <dt-bindings/gpio/gpio.h>\n", List.of("<dt-bindings/gpio/gpio.h>")),
                Arguments.of("  #  include_next \"a.h\"\n", List.of("\"a.h\"")),
                Arguments.of("/include/ \"fw.dtsi\"\n/ { x = /include/ \"in-value.dtsi\"; };", List.of("/fw.dtsi/", "/in-value.dtsi/")),
                // conditionals are not decided: both branches count
                Arguments.of("#ifdef A\n#include \"a.dtsi\"\n#else\n#include \"b.dtsi\"\n#endif\n", List.of("\"a.dtsi\"", "\"b.dtsi\"")),
                // comments and strings hide directives; a '#' inside a line is not one
                Arguments.of("// #include \"no1.dtsi\"\n/* \n#include \"no2.dtsi\"\n*/ x = \"#include \\\"no3\\\"\"; a # include \"no4\"\n",
                        List.of()),
                // cpp turns a comment into a space before it reads directives
                Arguments.of("/* c */ #include \"after-comment.dtsi\"\n", List.of("\"after-comment.dtsi\"")),
                // a name made by a macro is left to the preprocessor; an unterminated name is none
                Arguments.of("#include SOC_FILE\n#include \"open\n#include <open\n", List.of()),
                Arguments.of("#define X \\\n#include \"continued.h\"\n#include \"real.h\"\n", List.of("\"real.h\"")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void namesTheIncludesOfALine(String text, List<String> expected) {
        List<String> found = IncludeLines.scan(text).stream()
                .map(i -> i.dtc() ? "/" + i.name() + "/" : i.angled() ? "<" + i.name() + ">" : "\"" + i.name() + "\"")
                .toList();
        assertEquals(expected, found, text);
    }
}
