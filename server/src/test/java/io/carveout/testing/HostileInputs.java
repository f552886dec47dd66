package io.carveout.testing;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Inputs that once exhausted the stack, ran for minutes or took gigabytes (issue 11, classes 3,
 * 4 and the labels of 8), each placed in one board whose /reserved-memory region comes after
 * the hostile text, so a test can see that the rest of the file is still read. Generated: the
 * inputs are tens of thousands of terms long.
 */
public final class HostileInputs {
    /** The region after the hostile text, as {@code carveout map} prints it. */
    public static final String AFTER_REGION = "0x0000000080000000..0x00000000800fffff (1024 KiB) nomap non-reusable after@80000000";

    /**
     * @param name what is hostile about it
     * @param text the whole board
     * @param line the 1-based line of the hostile text
     * @param diagnostic the one diagnostic expected there, or null when the input is fine
     * @param mapLine a further line {@code carveout map} must print, or null
     */
    public record Case(String name, String text, int line, String diagnostic, String mapLine) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileInputs() {
    }

    public static List<Case> all() {
        return List.of(
                // a run of 5,000 '+' is no deeper than one '+': it evaluates, here to 1 MiB
                node("5,000 terms", "sum@90000000 { reg = <0x0 0x90000000 0x0 (" + terms("1", "+", 5_000)
                        + " - 5000 + 0x100000)>; no-map; };", null,
                        "0x0000000090000000..0x00000000900fffff (1024 KiB) nomap non-reusable sum@90000000"),
                node("5,000 terms of mixed operators", "mixed = <(" + terms("2*3", " - 1 + ", 5_000) + ")>;",
                        null, null),
                node("ternary nested 20,000 deep", "x = <(" + "1 ? ".repeat(20_000) + "1" + " : 0".repeat(20_000) + ")>;",
                        "expression nesting deeper than 200 levels: not evaluated", null),
                node("ternaries chained 20,000 long",
                        "x = <(" + "1 ? 1 : ".repeat(20_000) + "0)>;",
                        "expression nesting deeper than 200 levels: not evaluated", null),
                node("parentheses 20,000 deep", "x = <" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ">;",
                        "expression nesting deeper than 200 levels: not evaluated", null),
                node("20,000 prefix operators", "x = <(" + "-".repeat(20_000) + "1)>;",
                        "more than 200 operators in a row: the expression is not evaluated", null),
                // the root is one level: the 200th node is the 201st
                new Case("nodes nested 10,000 deep", board("", "", "n {\n".repeat(10_000) + "};\n".repeat(10_000)),
                        17 + 199, "nesting deeper than 200 levels: what is inside is not analysed", null),
                new Case("100,000 labels on a node", board("", "",
                        IntStream.range(0, 100_000).mapToObj(i -> "l" + i + ":").collect(Collectors.joining(" "))
                                + " labelled { };"), 17, null, null),
                new Case("100,000 labels on a reference", board("", "", "target: target { };")
                        + IntStream.range(0, 100_000).mapToObj(i -> "l" + i + ":").collect(Collectors.joining(" "))
                        + " &target { };\n", 19, null, null),
                new Case("macro doubling 40 times", board(doubling(40), "x = <M0>;", ""), 41 + 11,
                        "macro expansion exceeds 50000 tokens: stopped", null),
                new Case("#if nested 20,000 deep",
                        board("#if " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "\n#endif\n", "", ""), 1,
                        "#if expression nested too deeply", null),
                new Case("#if of 20,000 terms",
                        board("#if " + terms("1", "+", 20_000) + " != 20000\n#error wrong sum\n#endif\n", "", ""), 1,
                        null, null));
    }

    /** A case whose hostile text is an item of /reserved-memory, on line 11. */
    private static Case node(String name, String item, String diagnostic, String mapLine) {
        return new Case(name, board("", item, ""), 11, diagnostic, mapLine);
    }

    // The region after the hostile text has its size from a macro, so a budget that stopped
    // every later expansion would show here too.
    private static String board(String prelude, String item, String rootItem) {
        return prelude + """
                #define AFTER_SIZE 0x100000
                /dts-v1/;

                / {
                	#address-cells = <2>;
                	#size-cells = <2>;
                	reserved-memory {
                		#address-cells = <2>;
                		#size-cells = <2>;
                		ranges;
                		%s
                		after@80000000 {
                			reg = <0x0 0x80000000 0x0 AFTER_SIZE>;
                			no-map;
                		};
                	};
                	%s
                };
                """.formatted(item, rootItem);
    }

    private static String terms(String term, String operator, int count) {
        return String.join(operator, java.util.Collections.nCopies(count, term));
    }

    /** #define M0 M1 M1 ... M(n-1) Mn Mn, #define Mn 1: 2^n tokens from one use of M0. */
    private static String doubling(int levels) {
        StringBuilder defines = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            defines.append("#define M").append(i).append(" M").append(i + 1).append(" M").append(i + 1).append('\n');
        }
        return defines.append("#define M").append(levels).append(" 1\n").toString();
    }
}
