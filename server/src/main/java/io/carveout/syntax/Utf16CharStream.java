package io.carveout.syntax;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Feeds a Java string to the ANTLR lexer one UTF-16 unit at a time, so that token
 * offsets are string indices: the unit LSP counts in and the one substring uses.
 * The grammar only names ASCII characters, so a surrogate pair read as two units
 * lexes exactly as the code point would.
 */
final class Utf16CharStream implements CharStream {
    private final String text;
    private final String sourceName;
    private int index;

    Utf16CharStream(String text, String sourceName) {
        this.text = text;
        this.sourceName = sourceName;
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.max(0, interval.a);
        int stop = Math.min(text.length() - 1, interval.b);
        return start > stop ? "" : text.substring(start, stop + 1);
    }

    @Override
    public void consume() {
        if (index >= text.length()) {
            throw new IllegalStateException("cannot consume EOF");
        }
        index++;
    }

    @Override
    public int LA(int i) {
        if (i == 0) {
            return 0;
        }
        int at = i > 0 ? index + i - 1 : index + i;
        if (at < 0 || at >= text.length()) {
            return IntStream.EOF;
        }
        return text.charAt(at);
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void seek(int target) {
        index = Math.max(0, Math.min(target, text.length()));
    }

    @Override
    public int size() {
        return text.length();
    }

    @Override
    public String getSourceName() {
        return sourceName;
    }
}
