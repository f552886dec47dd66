package io.carveout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.preprocess.PreprocessResult;
import io.carveout.preprocess.SourceProvider;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.testing.Corpus;
import io.carveout.text.TextChange;
import io.carveout.tree.DeviceTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A number of a cell edited for another of the same width, or the blanks between two tokens
 * changed, updates the boards that hold the file in place, and the result equals compiling them
 * again: tree, preprocessed text and every finding. Whatever the update cannot vouch for is
 * compiled again.
 */
class InPlaceEditTest {
    private static final Path SOC = Path.of("/virtual/soc.dtsi");
    private static final Path BOARD = Path.of("/virtual/board.dts");
    private static final String SOC_TEXT = """
            #define WIDE(x) (x)
            /memreserve/ 0x1000 0x1000;
            / {
            \t#address-cells = <2>;
            \t#size-cells = <2>;
            \tsoc { dev@1000 { clock-frequency = <19200000>; }; };
            \tmemory@80000000 { device_type = "memory"; reg = <0x0 0x80000000 0x0 0x40000000>; };
            \treserved-memory {
            \t\t#address-cells = <2>;
            \t\t#size-cells = <2>;
            \t\tranges;
            \t\thyp_mem: hyp@80000000 { reg = <0x0 0x80000000 0x0 0x600000>; no-map; };
            \t\tmodem_mem: modem@86000000 { reg = <0x0 0x86000000 0x0 WIDE(0x1000000)>; no-map; };
            \t\tdsp_mem: dsp@88000000 { reg = <0x0 0x88000000 0x0 0x200000>; no-map; phandle = <0x55>; };
            \t\tsmall: small@89000000 { reg = <0x0 0x89000000 0x0 0x1000>; tiny = /bits/ 8 <100>; };
            \t};
            };
            """;
    private static final String BOARD_TEXT = """
            /dts-v1/;
            #include "soc.dtsi"
            &hyp_mem { reg = <0x0 0x80000000 0x0 0x700000>; };
            """;

    private record Setup(OpenDocuments documents, Project project) {
    }

    private static Setup setUp(String soc) {
        Map<Path, String> disk = new HashMap<>(Map.of(BOARD, BOARD_TEXT));
        OpenDocuments documents = new OpenDocuments(SourceProvider.of(disk));
        Project project = new Project(null, documents);
        documents.open(SOC, soc);
        project.syntax(SOC);
        project.board(BOARD);
        return new Setup(documents, project);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a digit of a region's base             | 0x88000000 | 0x89000000 | true
            a digit of a size a board overrides    | 0x600000   | 0x500000   | true
            a number the memory rules do not read  | <19200000> | <19300000> | true
            a number in a macro's arguments        | 0x1000000  | 0x2000000  | false
            a phandle                              | 0x55       | 0x56       | false
            a cell of /memreserve/                 | 0x1000 0x  | 0x2000 0x  | false
            a value past a /bits/ 8 array          | <100>      | <900>      | false
            a digit typed at a number's end        | 0x200000   | 0x2000000  | true
            a digit deleted                        | 0x600000   | 0x60000    | true
            a number's last digit deleted          | <100>      | <10>       | true
            a number deleted                       | <0x55>     | <>         | false
            a digit that is not a number's         | 0x1000>    | 0x100g>    | false
            """)
    void aNumberEditedInPlaceEqualsACompileAgain(String what, String from, String to, boolean inPlace) {
        assertEditEqualsACompileAgain(what, from, to, inPlace);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a space typed after a ';'                   | `0x600000>; no-map` | `0x600000>;  no-map` | true
            a space deleted before a '}'                | `no-map; };`  | `no-map;};`    | true
            blanks typed between a name and its '='     | `{ reg = <0x0 0x80000000` | `{ reg    = <0x0 0x80000000` | true
            a tab typed over by a space                 | `\t\tranges;` | `\t ranges;`  | true
            a space deleted between '=' and '<'         | `clock-frequency = <` | `clock-frequency =<` | true
            a space deleted after a '{'                 | `memory@80000000 { device_type` | `memory@80000000 {device_type` | true
            a space in a number                         | `0x600000>`   | `0x600 000>`   | false
            a space in a string                         | `"memory"`    | `"mem ory"`    | false
            a space between a label and its ':'         | `dsp_mem:`    | `dsp_mem :`    | false
            a space in a macro's arguments              | `WIDE(0x1000000)` | `WIDE( 0x1000000)` | false
            a space in a #define                        | `WIDE(x) (x)` | `WIDE(x)  (x)` | false
            a line break typed after a ';'              | `0x600000>; no-map` | `0x600000>;\n no-map` | false
            a space typed at a line's end (cpp drops it) | `\t\tranges;\n` | `\t\tranges; \n` | true
            """)
    void blanksChangedBetweenTokensEqualACompileAgain(String what, String from, String to, boolean inPlace) {
        assertEditEqualsACompileAgain(what, unescape(from), unescape(to), inPlace);
    }

    /**
     * A text that comes back (a space typed then deleted, a digit typed over and back, an undo)
     * is brought up to date by the one step that led to it, not by every step since it was first
     * seen: the board held for the text before each edit takes one step.
     */
    @Test
    void aTextThatComesBackIsReachedByOneStep() {
        Setup setup = setUp(SOC_TEXT);
        String text = SOC_TEXT;
        int digit = text.indexOf("0x600000") + 2;
        int semicolon = text.indexOf(';', digit) + 1;
        for (int i = 0; i < 12; i++) {
            TextChange change = switch (i % 4) {
                case 0 -> new TextChange(digit, digit + 1, "5");
                case 1 -> new TextChange(digit, digit + 1, "6");
                case 2 -> new TextChange(semicolon, semicolon, " ");
                default -> new TextChange(semicolon, semicolon + 1, "");
            };
            text = change.applyTo(text);
            long steps = setup.project().stepsMadeInPlace();
            long compiles = setup.project().compileCount();
            setup.documents().open(SOC, text);
            setup.project().edited(SOC, List.of(change));
            setup.project().board(BOARD);
            assertEquals(compiles, setup.project().compileCount(), "edit " + i + " " + change + ": made in place");
            assertEquals(steps + 1, setup.project().stepsMadeInPlace(), "edit " + i + " " + change + ": steps made");
        }
        assertEquals(SOC_TEXT, text);
    }

    /**
     * Text cpp copies as written, changed (line breaks too): the boards take the change in their
     * preprocessed text and evaluate their tree again from it, without preprocessing; what cpp
     * reads otherwise (a macro's name, a '(' after a name, a quote but last on its line, a line
     * break in a string, a '#' a line break puts first on its line or takes from there, a macro's
     * arguments) is compiled again. Either way
     * the result equals a compile of the new text.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a node's name typed                    | `dsp_mem: dsp@88000000` | `dsp_mem: dspx@88000000` | true
            a label renamed that a board refers to | `hyp_mem: hyp`          | `hyp_me: hyp`            | true
            a '{' typed that leaves a node open    | `		ranges;`           | `		ranges; n {`        | true
            a '};' deleted                         | `no-map; };
		modem` | `no-map; 
		modem`    | true
            a property begun                       | `		ranges;`           | `		ranges; stat`       | true
            a cell added                           | `<0x0 0x89000000 0x0 0x1000>` | `<0x0 0x89000000 0x0 0x1000 7>` | true
            a name that is a macro                 | `		ranges;`           | `		ranges; WIDE;`      | false
            a name of cpp's own                    | `		ranges;`           | `		ranges; __LINE__;`  | false
            a '(' typed after a name               | `		ranges;`           | `		ranges(;`           | false
            a name typed before a '('              | `WIDE(0x1000000)`       | `WIDEX(0x1000000)`       | false
            a letter in a string                   | `"memory"`              | `"memorx"`               | true
            a line break in a string               | `"memory"`              | `"mem\nory"`             | false
            a quote deleted that leaves a string open | `"memory";`          | `"memory;`               | false
            a quote typed last on its line         | `\t\tranges;\n`         | `\t\tranges;"\n`          | true
            a quote typed before the line's end    | `\t\tranges;`           | `\t\tran"ges;`            | false
            a number in a macro's arguments        | `WIDE(0x1000000)`       | `WIDE(0x1000001)`        | false
            a line break typed                     | `		ranges;`           | `		ranges;
`          | true
            a line break deleted                   | `ranges;\n\t\thyp_mem` | `ranges;hyp_mem` | true
            a node's line broken before its '{'    | `dsp@88000000 {`   | `dsp@88000000\n\t\t{` | true
            a line break before a '#' cpp reads    | `\t\t#address-cells = <2>;\n\t\t#size` | `\t\t#address-cells = <2>;\n\n\t\t#size` | false
            a line break deleted before a '#'      | `<2>;\n\t\t#size` | `<2>; \t#size` | false
            a "};" deleted that bares a blank at its line's end | `no-map; };\n` | `no-map; \n` | false
            """)
    void textCopiedAsWrittenIsEvaluatedAgainWithoutPreprocessing(String what, String from, String to,
            boolean evaluated) {
        Setup probe = setUp(SOC_TEXT);
        long evaluations = probe.project().evaluatedInPlaceCount();
        assertEditEqualsACompileAgain(what, unescape(from), unescape(to), false, probe);
        assertEquals(evaluations + (evaluated ? 1 : 0), probe.project().evaluatedInPlaceCount(),
                what + (evaluated ? ": evaluated again without preprocessing" : ": preprocessed again"));
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\t", "\t");
    }

    // The edit an editor sends for the first occurrence of 'from' becoming 'to' (the differing
    // characters only), made in place or not as said, and the result equal to a fresh compile.
    private static void assertEditEqualsACompileAgain(String what, String from, String to, boolean inPlace) {
        assertEditEqualsACompileAgain(what, from, to, inPlace, setUp(SOC_TEXT));
    }

    private static void assertEditEqualsACompileAgain(String what, String from, String to, boolean inPlace,
            Setup setup) {
        DeviceTree before = setup.project().board(BOARD).tree();
        String treeBefore = TreeDump.of(before);
        long compiles = setup.project().compileCount();
        int at = SOC_TEXT.indexOf(from);
        assertTrue(at >= 0, from + " is in the fixture");
        int common = 0;
        while (common < Math.min(from.length(), to.length()) && from.charAt(common) == to.charAt(common)) {
            common++;
        }
        int suffix = 0;
        while (suffix < Math.min(from.length(), to.length()) - common
                && from.charAt(from.length() - 1 - suffix) == to.charAt(to.length() - 1 - suffix)) {
            suffix++;
        }
        // the edit an editor sends: the differing characters only
        TextChange change = new TextChange(at + common, at + from.length() - suffix,
                to.substring(common, to.length() - suffix));
        String edited = change.applyTo(SOC_TEXT);
        setup.documents().open(SOC, edited);
        setup.project().edited(SOC, List.of(change));
        CompiledBoard now = setup.project().board(BOARD);

        if (inPlace) {
            assertEquals(compiles, setup.project().compileCount(), what + ": updated in place");
        } else {
            assertEquals(compiles + 1, setup.project().compileCount(), what + ": compiled again");
        }
        // an earlier snapshot may still be reading the board held before: it is left as it was
        assertEquals(treeBefore, TreeDump.of(before), what + ": the tree held before the edit is unchanged");
        Setup fresh = setUp(edited);
        CompiledBoard expected = fresh.project().board(BOARD);
        if (!TreeDump.of(expected.tree()).equals(treeBefore)) {
            assertNotSame(before.root(), now.tree().root(), what + ": the edit made a new tree");
        }
        assertEquals(TreeDump.of(expected.tree()), TreeDump.of(now.tree()), what);
        assertEquals(expected.preprocessed().text(), now.preprocessed().text(), what);
        assertSameOrigins(expected.preprocessed(), now.preprocessed(), what);
        assertEquals(fresh.project().report(SOC).findings(), setup.project().report(SOC).findings(), what);
    }

    /**
     * Random digit edits (typed over, typed after, deleted) in the cells of the largest SoC file, checked in three of
     * its boards, each against a fresh project.
     */
    @Test
    void randomDigitEditsInTheLargestSocFileEqualFreshAnalyses() {
        // (most must take the in-place path, else this test would not test it)
        Path qcom = Corpus.linux().resolve("arch/arm64/boot/dts/qcom").toAbsolutePath().normalize();
        Path soc = qcom.resolve("hamoa.dtsi");
        List<Path> boards = List.of(qcom.resolve("x1e80100-crd.dts"), qcom.resolve("x1e001de-devkit.dts"),
                qcom.resolve("x1e80100-lenovo-yoga-slim7x.dts"));
        String text = Corpus.read(soc);
        OpenDocuments documents = new OpenDocuments();
        Project project = projectWith(documents, soc, text, boards);

        Random random = new Random(20261125);
        int inPlace = 0;
        int edits = 60;
        for (int i = 0; i < edits; i++) {
            List<Integer> literals = cellLiterals(SyntaxTree.parse(text));
            int token = literals.get(random.nextInt(literals.size()));
            int digitAt = token + (text.startsWith("0x", token) ? 2 : 0);
            while (!Character.isLetterOrDigit(text.charAt(digitAt + 1)) || random.nextInt(3) == 0) {
                if (!Character.isLetterOrDigit(text.charAt(digitAt + 1))) {
                    break;
                }
                digitAt++;
            }
            String digit = Integer.toHexString(random.nextInt(16));
            TextChange change = switch (random.nextInt(3)) {
                case 0 -> new TextChange(digitAt, digitAt + 1, digit); // typed over
                case 1 -> new TextChange(digitAt + 1, digitAt + 1, digit); // typed after
                default -> new TextChange(digitAt, digitAt + 1, ""); // deleted
            };
            text = change.applyTo(text);
            inPlace += editEqualsAFreshProject(project, documents, soc, text, change, boards, "edit " + i) ? 1 : 0;
        }
        System.out.printf("number edits in hamoa.dtsi updated in place in 3 boards: %d of %d%n", inPlace, edits);
        assertTrue(inPlace > edits / 2, inPlace + " of " + edits + " edits updated in place");
    }

    /**
     * Random blanks typed or deleted anywhere in the largest SoC file (between tokens, in numbers,
     * strings, comments and directives alike), checked in two of its boards against a fresh project.
     */
    @Test
    void randomBlankEditsInTheLargestSocFileEqualFreshAnalyses() {
        Path qcom = Corpus.linux().resolve("arch/arm64/boot/dts/qcom").toAbsolutePath().normalize();
        Path soc = qcom.resolve("hamoa.dtsi");
        List<Path> boards = List.of(qcom.resolve("x1e80100-crd.dts"), qcom.resolve("x1e001de-devkit.dts"));
        String text = Corpus.read(soc);
        OpenDocuments documents = new OpenDocuments();
        Project project = projectWith(documents, soc, text, boards);

        Random random = new Random(20261207);
        int inPlace = 0;
        int edits = 30;
        for (int i = 0; i < edits; i++) {
            // half the edits in /reserved-memory, where a board's memory map is written
            int from = random.nextBoolean() ? text.indexOf("reserved-memory {") : 0;
            int at = from + random.nextInt(Math.min(text.length() - from - 1, 20_000));
            TextChange change = switch (random.nextInt(3)) {
                case 0 -> new TextChange(at, at, " ");
                case 1 -> new TextChange(at, at, "\t");
                default -> {
                    while (text.charAt(at) != ' ' && text.charAt(at) != '\t') {
                        at++;
                    }
                    yield new TextChange(at, at + 1, "");
                }
            };
            text = change.applyTo(text);
            inPlace += editEqualsAFreshProject(project, documents, soc, text, change, boards, "edit " + i) ? 1 : 0;
        }
        System.out.printf("blank edits in hamoa.dtsi updated in place in 2 boards: %d of %d%n", inPlace, edits);
        assertTrue(inPlace > edits / 3, inPlace + " of " + edits + " edits updated in place");
    }

    /**
     * Random characters that cpp copies as written (names, numbers, braces, ';', '=', '<') typed or
     * deleted in the SoC file of the typing benchmark, most inside /reserved-memory, checked in two
     * of its boards against a fresh project; many leave a node open or a property half written.
     */
    @Test
    void randomTextEditsInASocFileEqualFreshAnalyses() {
        String typed = "abxyz_019-@,;{}<>= \n\t#";
        int edits = 30;
        int evaluated = evaluatedOfRandomEditsInKodiak(List.of("qcm6490-idp.dts", "sc7280-idp.dts"), 20261208, edits,
                (random, text) -> {
                    int from = random.nextInt(4) > 0 ? text.indexOf("reserved-memory {") : 0;
                    int at = from + random.nextInt(Math.min(text.length() - from - 1, 6_000));
                    if (random.nextBoolean()) {
                        return new TextChange(at, at, String.valueOf(typed.charAt(random.nextInt(typed.length()))));
                    }
                    while (typed.indexOf(text.charAt(at)) < 0) {
                        at++;
                    }
                    return new TextChange(at, at + 1, "");
                });
        System.out.printf("text edits in kodiak.dtsi evaluated again without preprocessing: %d of %d%n", evaluated, edits);
        assertTrue(evaluated > edits / 3, evaluated + " of " + edits + " edits evaluated without preprocessing");
    }

    /**
     * Random keys typed or deleted in and around the strings of a SoC file (letters, blanks,
     * quotes, a '\\', line breaks), each checked in a board against a fresh project: the keys
     * cpp copies as written inside a string, or a quote last on its line, are evaluated without
     * preprocessing, the rest compiled, and either way the board equals a fresh compile.
     */
    @Test
    void randomKeysInStringsEqualFreshAnalyses() {
        String typed = "aoz_- ,;\"\"\\\n";
        int edits = 24;
        int from = Corpus.read(Corpus.linux().resolve("arch/arm64/boot/dts/qcom/kodiak.dtsi")).indexOf("reserved-memory {");
        int evaluated = evaluatedOfRandomEditsInKodiak(List.of("qcm6490-idp.dts"), 20261207, edits, (random, text) -> {
            int at = text.indexOf('"', from + random.nextInt(8_000)) + random.nextInt(14) - 2;
            return random.nextInt(3) > 0
                    ? new TextChange(at, at, String.valueOf(typed.charAt(random.nextInt(typed.length()))))
                    : new TextChange(at, at + 1, "");
        });
        System.out.printf("keys in kodiak.dtsi's strings evaluated again without preprocessing: %d of %d%n", evaluated,
                edits);
        assertTrue(evaluated >= edits / 4, evaluated + " of " + edits + " edits evaluated without preprocessing");
    }

    /** The next random edit of a file's text. */
    private interface RandomEdit {
        TextChange next(Random random, String text);
    }

    // Makes random edits of kodiak.dtsi, each checked in the boards named against a fresh project;
    // how many were evaluated again without preprocessing.
    private static int evaluatedOfRandomEditsInKodiak(List<String> boardNames, long seed, int edits, RandomEdit edit) {
        Path qcom = Corpus.linux().resolve("arch/arm64/boot/dts/qcom").toAbsolutePath().normalize();
        Path soc = qcom.resolve("kodiak.dtsi");
        List<Path> boards = boardNames.stream().map(qcom::resolve).toList();
        String text = Corpus.read(soc);
        OpenDocuments documents = new OpenDocuments();
        Project project = projectWith(documents, soc, text, boards);
        Random random = new Random(seed);
        int evaluated = 0;
        for (int i = 0; i < edits; i++) {
            TextChange change = edit.next(random, text);
            text = change.applyTo(text);
            long before = project.evaluatedInPlaceCount();
            editEqualsAFreshProject(project, documents, soc, text, change, boards, "edit " + i);
            evaluated += project.evaluatedInPlaceCount() > before ? 1 : 0;
        }
        return evaluated;
    }

    /**
     * A region typed key by key into /reserved-memory of a SoC file, line breaks and blanks at a
     * line's end included: the board equals a fresh project's after every key (tree with every place,
     * preprocessed text, findings), and a key evaluated again without preprocessing right after
     * another takes the properties it did not touch from the evaluation before.
     */
    @Test
    void keysTypedInARowEachEqualAFreshProject() {
        KeysTyped typed = typedInKodiak(new Place("hyp_mem: hyp@80000000 {", 2,
                "\n\t\tx: y@9a0 {\n\t\t\treg = <0 1>;\n\t\t};"));
        assertTrue(typed.inARow() >= 4 && typed.tookAll() == typed.inARow(),
                typed.tookAll() + " of " + typed.inARow() + " keys evaluated right after another took the properties before");
        assertTrue(typed.tookResolved() >= typed.inARow() - 1, typed.tookResolved() + " of " + typed.inARow()
                + " keys took the resolved references (all but the first, after the board's first compile)");
        assertTrue(typed.joined() >= 1, "the board's whole output, read whole once the key after the '};' broke the"
                + " SoC file's expansion, made from the pieces' trees rather than parsed: " + typed.joined());
    }

    /**
     * Keys typed in /reserved-memory, then in a pin state four levels down in /soc: the evaluations
     * between kept /soc whole, so the first keys in the pin state walk into a node that the earlier
     * evaluation did not walk; a string is typed, its quotes and the keys between them (a string
     * still open, which cpp copies to its line's end) evaluated without preprocessing. The board equals a
     * fresh project's after every key, and every key evaluated right after another, the ones after
     * the move included, and every key compiled take the properties they did not touch from the
     * tree before.
     */
    @Test
    void keysTypedInOneNodeThenInAnotherTakeWhatTheyDidNotTouch() {
        KeysTyped typed = typedInKodiak(new Place("hyp_mem: hyp@80000000 {", 2, "\n\t\tx: y@9a0 {};"),
                // before the line break that ends the pin state's last property
                new Place("qup_i2c0_data_clk: qup-i2c0-data-clk-state {", -4,
                        "\n\t\t\t\tbias-pull-up;\n\t\t\t\tlabel = \"on\";"));
        assertTrue(typed.compiled() >= 2, typed.compiled() + " keys compiled");
        assertEquals(0, typed.preprocessed(), "keys preprocessed again (the string's quotes, each last on its line, too)");
        assertTrue(typed.inARow() >= 8 && typed.tookAll() == typed.inARow(), typed.tookAll() + " of "
                + typed.inARow() + " keys evaluated right after another or compiled took the properties before");
        assertTrue(typed.tookResolved() >= typed.inARow() - 1, typed.tookResolved() + " of " + typed.inARow()
                + " keys took the resolved references (all but the first, after the board's first compile)");
    }

    /** Keys typed at {@code after} characters from the {@code };} that closes the node {@code anchor} opens. */
    private record Place(String anchor, int after, String keys) {
    }

    /**
     * How many keys were evaluated again right after another key or compiled, how many of those
     * took the whole board's properties but the ones typed in, how many were not made in place
     * (compiled, or evaluated again), how many of the first took the values with phandle
     * references as the evaluation before resolved them, and how many were preprocessed again
     * (compiled, not evaluated from the text before); and how many texts the project's parse cache
     * made by joining the trees of pieces.
     */
    private record KeysTyped(int inARow, int tookAll, int compiled, int tookResolved, int preprocessed, long joined) {
    }

    // Types the keys of each place in turn into kodiak.dtsi, read in qcm6490-idp.dts, and checks
    // the board against a fresh project's after every key.
    private static KeysTyped typedInKodiak(Place... places) {
        Path qcom = Corpus.linux().resolve("arch/arm64/boot/dts/qcom").toAbsolutePath().normalize();
        Path soc = qcom.resolve("kodiak.dtsi");
        List<Path> boards = List.of(qcom.resolve("qcm6490-idp.dts"));
        String text = Corpus.read(soc);
        OpenDocuments documents = new OpenDocuments();
        Project project = projectWith(documents, soc, text, boards);
        int inARow = 0;
        int tookAll = 0;
        int compiled = 0;
        int tookResolved = 0;
        int preprocessed = 0;
        boolean evaluatedBefore = false;
        for (Place place : places) {
            int at = text.indexOf("};", text.indexOf(place.anchor())) + place.after();
            for (int i = 0; i < place.keys().length(); i++) {
                TextChange change = new TextChange(at + i, at + i, place.keys().substring(i, i + 1));
                text = change.applyTo(text);
                long evaluations = project.evaluatedInPlaceCount();
                boolean inPlace = editEqualsAFreshProject(project, documents, soc, text, change, boards,
                        place.anchor() + " key " + i);
                boolean evaluated = project.evaluatedInPlaceCount() > evaluations;
                compiled += inPlace ? 0 : 1;
                preprocessed += inPlace || evaluated ? 0 : 1;
                if ((evaluated && evaluatedBefore) || !inPlace) {
                    inARow++;
                    // the whole board's properties but the one typed in, also at a key that breaks or
                    // mends the file, which is then read whole rather than in pieces, or the reverse
                    tookAll += project.board(boards.get(0)).tree().propertiesTaken() > 4000 ? 1 : 0;
                    // and each value with phandle references as the evaluation before resolved it (but
                    // a few a compile builds anew); an evaluation from nothing keeps none to take
                    int[] resolved = project.board(boards.get(0)).tree().referencesResolvedAndTaken();
                    tookResolved += resolved[0] > 1000 && resolved[1] >= resolved[0] - 10 ? 1 : 0;
                }
                evaluatedBefore = evaluated;
            }
        }
        return new KeysTyped(inARow, tookAll, compiled, tookResolved, preprocessed, project.parseCache().joinedCount());
    }

    // A project with the file open at this text, its boards indexed and the file analysed in them.
    private static Project projectWith(OpenDocuments documents, Path soc, String text, List<Path> boards) {
        Project project = new Project(null, documents);
        documents.open(soc, text);
        boards.forEach(project::indexBoard);
        project.report(soc);
        return project;
    }

    /**
     * Makes an edit of the file (whose text after it is {@code text}) in the project, then checks
     * each board against a fresh project of the new text: tree with every place, preprocessed
     * text, and the file's findings. True when no board was compiled again (made in place).
     */
    private static boolean editEqualsAFreshProject(Project project, OpenDocuments documents, Path soc, String text,
            TextChange change, List<Path> boards, String what) {
        boards.forEach(project::board);
        long compiles = project.compileCount();
        documents.open(soc, text);
        project.edited(soc, List.of(change));

        Project fresh = projectWith(new OpenDocuments(), soc, text, boards);
        for (Path board : boards) {
            CompiledBoard now = project.board(board);
            CompiledBoard expected = fresh.board(board);
            assertEquals(TreeDump.of(expected.tree()), TreeDump.of(now.tree()), what + " " + change + " in " + board);
            assertEquals(expected.preprocessed().text(), now.preprocessed().text(), what + " " + change);
            assertSameOrigins(expected.preprocessed(), now.preprocessed(), what + " " + change);
        }
        assertEquals(fresh.report(soc).findings(), project.report(soc).findings(), what + " " + change);
        return project.compileCount() == compiles;
    }

    // Every character of the output comes from the same place in both.
    private static void assertSameOrigins(PreprocessResult expected, PreprocessResult actual, String what) {
        for (int i = 0; i < expected.text().length(); i++) {
            if (!expected.sourceMap().at(i).equals(actual.sourceMap().at(i))) {
                assertEquals(expected.sourceMap().at(i), actual.sourceMap().at(i), what + ": origin of output offset " + i);
            }
        }
    }

    // The offsets of the integer literals that are whole cells of a property.
    private static List<Integer> cellLiterals(SyntaxTree tree) {
        List<Integer> found = new ArrayList<>();
        tree.root().forEachNode(node -> {
            if (node.kind() == SyntaxKind.CELL_LIST) {
                for (SyntaxNode literal : node.childNodes(SyntaxKind.LITERAL)) {
                    literal.childToken(SyntaxKind.INT).map(SyntaxToken::start).ifPresent(found::add);
                }
            }
        });
        return found;
    }
}
