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
}
