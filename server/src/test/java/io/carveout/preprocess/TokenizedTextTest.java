package io.carveout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pp-tokenizer as data: a text and its tokens as KIND:spelling. */
class TokenizedTextTest {

    record Case(String text, String expected) {
        @Override
        public String toString() {
            return text.replace("\n", "\\n");
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("abc _x1 a$b", "I:abc I:_x1 I:a O:$ I:b"),
                new Case("0x1F 1.5e+3 .5 0x1p-3 1e 12ul", "N:0x1F N:1.5e+3 N:.5 N:0x1p-3 N:1e N:12ul"),
                new Case("'a' '\\'' \"s\\\"t\" L'x' L\"w\"", "C:'a' C:'\\'' S:\"s\\\"t\" C:L'x' S:L\"w\""),
                new Case("'unterminated x\ny", "O:'unterminated x NL I:y"),
                new Case("\"open\nz", "O:\"open NL I:z"),
                new Case("a<<=b...c->d##e", "I:a P:<<= I:b P:... I:c P:-> I:d P:## I:e"),
                new Case("..", "P:. P:."),
                new Case("<:%>", "P:< P:: P:% P:>"),
                new Case("a/*x*/b//c\nd", "I:a I:b NL I:d"),
                new Case("ab\\\ncd \\  \nef", "I:abcd I:ef"),
                new Case("a\r\nb\rc", "I:a NL I:b NL I:c"),
                new Case("@ ` \\ \u00e9", "O:@ O:` O:\\ O:\u00e9"),
                new Case("/* open", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tokenizes(Case c) {
        TokenizedText tt = TokenizedText.of(c.text());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < tt.size(); i++) {
            String kind = switch (tt.kind(i)) {
                case IDENTIFIER -> "I:";
                case NUMBER -> "N:";
                case CHARACTER -> "C:";
                case STRING -> "S:";
                case PUNCTUATOR -> "P:";
                case OTHER -> "O:";
                case NEWLINE -> "NL";
            };
            got.add(tt.kind(i) == PpTokenKind.NEWLINE ? kind : kind + tt.spelling(i));
        }
        assertEquals(c.expected(), String.join(" ", got));
    }

    @Test
    void offsetsSpanSplices() {
        TokenizedText tt = TokenizedText.of("x ab\\\ncd y");
        assertEquals(2, tt.start(1));
        assertEquals(8, tt.end(1));
        assertEquals("abcd", tt.spelling(1));
        assertEquals(2, tt.lineOf(7));
    }

    @Test
    void lineStartsAndSpaces() {
        TokenizedText tt = TokenizedText.of("  #x\n/*\n*/ #y\n/**/#z");
        assertEquals(true, tt.atLineStart(0));
        assertEquals(true, tt.precededBySpace(0));
        // a comment that crossed a line end leaves no line start behind it, as in cpp
        assertEquals(false, tt.atLineStart(3));
        assertEquals(true, tt.atLineStart(6));
    }

    @Test
    void includeGuard() {
        assertEquals(Optional.of("A_H"), TokenizedText.of("/* c */\n#ifndef A_H\n#define A_H\nx\n#endif /* A_H */\n\n").includeGuard());
        assertEquals(Optional.empty(), TokenizedText.of("#ifndef A_H\n#define A_H\n#endif\ny\n").includeGuard());
        assertEquals(Optional.empty(), TokenizedText.of("#ifndef A_H\n#else\n#endif\n").includeGuard());
        assertEquals(Optional.empty(), TokenizedText.of("x\n#ifndef A_H\n#endif\n").includeGuard());
        assertEquals(Optional.of("B"), TokenizedText.of("#ifndef B\n#if 1\n#else\n#endif\n#endif").includeGuard());
    }

    /**
     * Tokens made from the text before an edit equal tokens of the text after it, for edits that
     * open or close comments and quotes, join or split lines and tokens, type directives, at
     * either end; over a real SoC file and over small texts of the tricky characters.
     */
    /**
     * Tokens made from another version of a text by an edit take its place in the cache: keys
     * typed make one version per key, and the cache held a score of them, each living just long
     * enough to be copied by the collector.
     */
    @Test
    void anEditedVersionsTokensTakeThePlaceOfThoseBefore() {
        String soc = io.carveout.testing.Corpus.read(
                io.carveout.testing.Corpus.linux().resolve("arch/arm64/boot/dts/qcom/kodiak.dtsi"));
        TokenCache cache = new TokenCache();
        cache.tokens(soc);
        String text = soc;
        for (int key = 0; key < 5; key++) {
            int at = text.indexOf("reserved-memory {");
            text = text.substring(0, at) + "x" + text.substring(at);
            TokenizedText tokens = cache.tokens(text);
            assertEquals(TokenizedText.of(text).size(), tokens.size(), "key " + key);
        }
        assertEquals(1, cache.size(), "only the last version is held");
    }

    @Test
    void tokensOfAnEditedTextEqualTokensMadeAfresh() {
        java.util.Random random = new java.util.Random(20261207);
        String soc = io.carveout.testing.Corpus.read(
                io.carveout.testing.Corpus.linux().resolve("arch/arm64/boot/dts/qcom/kodiak.dtsi"));
        String[] typed = {"x", " ", "\n", "\nx\n", "}\n\n", "/*", "*/", "//", "\"", "'", "#", "#define A 1\n", "0x1", "{", "\\\n"};
        String text = soc;
        for (int i = 0; i < 300; i++) {
            if (i == 150) {
                text = "a /* b\n c */ d \"e\n f\n#if 1\ng 'h\n";
            }
            int at = random.nextInt(text.length() + 1);
            int end = random.nextInt(4) == 0 ? Math.min(text.length(), at + 1 + random.nextInt(6)) : at;
            String after = text.substring(0, at) + typed[random.nextInt(typed.length)] + text.substring(end);
            TokenizedText edited = TokenizedText.of(text).edited(at, end, after);
            assertSameTokens(TokenizedText.of(after), edited, "edit " + i + " at " + at);
            text = after;
        }
    }

    private static void assertSameTokens(TokenizedText expected, TokenizedText actual, String what) {
        assertEquals(expected.text(), actual.text(), what);
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            String token = what + ", token " + i;
            assertEquals(expected.kind(i), actual.kind(i), token);
            assertEquals(expected.start(i), actual.start(i), token);
            assertEquals(expected.end(i), actual.end(i), token);
            assertEquals(expected.spelling(i), actual.spelling(i), token);
            assertEquals(expected.precededBySpace(i), actual.precededBySpace(i), token);
            assertEquals(expected.atLineStart(i), actual.atLineStart(i), token);
        }
        assertEquals(expected.unterminatedComments().stream().map(java.util.Arrays::toString).toList(),
                actual.unterminatedComments().stream().map(java.util.Arrays::toString).toList(), what);
        assertEquals(expected.includeGuard(), actual.includeGuard(), what);
        assertEquals(expected.lineOf(expected.text().length()), actual.lineOf(actual.text().length()), what);
    }
}
