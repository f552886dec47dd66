package io.carveout.preprocess;

import io.carveout.finding.Code;
import io.carveout.finding.Severity;
import io.carveout.preprocess.Token.Kind;
import io.carveout.preprocess.Token.Origin;
import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a unit and the reading of their tokens: cpp's lexer level, below macro expansion.
 * It numbers every file opened, keeps the stack of files being read, and hands out their tokens
 * with directives already carried out, so the expansion above never sees a directive line.
 */
final class FileReader {

    private static final Token EOF = Token.of(Kind.EOF, "", 0, null);

    private final TranslationUnit unit;
    private final Map<Path, Optional<String>> reads = new HashMap<>();
    /** The files opened, by number: a token's origin and the source map name them by it. */
    private final List<Path> files = new ArrayList<>();
    private final List<TokenizedText> fileTokens = new ArrayList<>();
    private final Map<Path, Integer> fileIds = new HashMap<>();
    private final Set<Path> reportedLexProblems = new HashSet<>();
    /** The files being read, the innermost last. */
    private final List<FileFrame> frames = new ArrayList<>();

    FileReader(TranslationUnit unit) {
        this.unit = unit;
    }

    /** The number of a file, given the next one the first time the file is seen. */
    int fileId(Path path, TokenizedText tokens) {
        Integer id = fileIds.get(path);
        if (id == null) {
            id = files.size();
            files.add(path);
            fileTokens.add(tokens);
            fileIds.put(path, id);
        }
        return id;
    }

    /** Starts reading a file, found under include root {@code foundRoot} (-1: not by the search). */
    void push(Path path, TokenizedText tokens, int foundRoot) {
        int id = fileId(path, tokens);
        FileFrame frame = new FileFrame(tokens, path, id, foundRoot);
        frames.add(frame);
        unit.replay.opened(path, tokens);
        if (!tokens.unterminatedComments().isEmpty() && reportedLexProblems.add(path)) {
            for (int[] range : tokens.unterminatedComments()) {
                SourceSpan where = new SourceSpan(path, range[0], Math.min(range[0] + 2, range[1]));
                unit.report(Code.UNTERMINATED_COMMENT, Severity.ERROR, where, "unterminated comment");
            }
        }
    }

    /** The file being read now. */
    FileFrame frame() {
        return frames.get(frames.size() - 1);
    }

    /**
     * The next token of the files, directives handled: cpp's lexer level. In a directive the line
     * end reads as EOF; while arguments are collected so does the end of an included file.
     */
    Token lexBase() {
        FileFrame f = frame();
        int readStart = f.cursor;
        for (;;) {
            if (f.cursor >= f.tokens.size()) {
                if (unit.expander.inDirective() || unit.expander.parsingArgs() > 0) {
                    return EOF;
                }
                unit.conditionals.endOfFile(f);
                if (frames.size() == 1) {
                    return EOF;
                }
                frames.remove(frames.size() - 1);
                unit.printer.endFile();
                unit.replay.ended(f);
                f = frame();
                readStart = f.cursor;
                continue;
            }
            int i = f.cursor;
            PpTokenKind kind = f.tokens.kind(i);
            if (kind == PpTokenKind.NEWLINE) {
                if (unit.expander.inDirective()) {
                    return EOF;
                }
                f.cursor++;
                if (unit.expander.parsingArgs() == 0) {
                    unit.printer.newline(f, i);
                }
                continue;
            }
            if (!unit.expander.inDirective() && unit.expander.parsingArgs() != 1 && f.tokens.atLineStart(i)
                    && f.tokens.spelling(i).equals("#")) {
                f.cursor++;
                if (unit.directives.handle(f, i)) {
                    f = frame();
                    readStart = f.cursor;
                    continue;
                }
                if (unit.conditionals.skipping()) {
                    continue;
                }
                f.lastReadStart = i;
                return fileToken(f, i);
            }
            if (unit.conditionals.skipping() && !unit.expander.inDirective()) {
                f.cursor++;
                continue;
            }
            f.cursor++;
            f.lastReadStart = readStart;
            return fileToken(f, i);
        }
    }

    private Token fileToken(FileFrame f, int i) {
        unit.budget.tokenRead();
        TokenizedText tt = f.tokens;
        int flags = tt.flags(i) & (TokenizedText.PREV_WHITE | TokenizedText.BOL);
        if (unit.expander.parsingArgs() == 2 && (flags & Token.BOL) != 0) {
            // a line end inside an invocation's arguments counts as white space
            flags |= Token.PREV_WHITE;
        }
        Origin origin = new Origin(f.fileId, tt.start(i), tt.end(i));
        return new Token(Kind.of(tt.kind(i)), tt.spelling(i), flags, origin, f, i, null, -1);
    }

    /** Consumes the rest of the directive's line and its line end. */
    void finishLine(FileFrame f, boolean printNewline) {
        TokenizedText tt = f.tokens;
        while (f.cursor < tt.size() && tt.kind(f.cursor) != PpTokenKind.NEWLINE) {
            f.cursor++;
        }
        if (f.cursor < tt.size()) {
            if (printNewline) {
                unit.printer.newline(f, f.cursor);
            }
            f.cursor++;
        }
    }

    SourceSpan directiveSpan(FileFrame f, int hash) {
        TokenizedText tt = f.tokens;
        int end = tt.end(hash);
        for (int i = hash + 1; i < tt.size() && tt.kind(i) != PpTokenKind.NEWLINE; i++) {
            end = tt.end(i);
        }
        return new SourceSpan(f.path, tt.start(hash), end);
    }

    /** The text after the directive name, as written. */
    static String restOfLine(FileFrame f, int hash) {
        TokenizedText tt = f.tokens;
        StringBuilder sb = new StringBuilder();
        for (int i = hash + 2; i < tt.size() && tt.kind(i) != PpTokenKind.NEWLINE; i++) {
            if (sb.length() > 0 && tt.precededBySpace(i)) {
                sb.append(' ');
            }
            sb.append(tt.spelling(i));
        }
        return sb.toString();
    }

    SourceSpan frameSpan() {
        FileFrame f = frames.isEmpty() ? null : frame();
        if (f == null) {
            return new SourceSpan(unit.mainPath, 0, 0);
        }
        int i = Math.min(Math.max(f.cursor - 1, 0), Math.max(f.tokens.size() - 1, 0));
        if (f.tokens.size() == 0) {
            return new SourceSpan(f.path, 0, 0);
        }
        return new SourceSpan(f.path, f.tokens.start(i), f.tokens.end(i));
    }

    /** The text of a file, read at most once in a unit; empty when there is no such file or it may not be read. */
    Optional<String> read(Path path) {
        return reads.computeIfAbsent(path, unit.sources::read);
    }

    /** The text of a file already read. */
    String textOf(Path path) {
        return reads.get(path).orElseThrow();
    }

    /** Every file opened so far, by number. */
    List<Path> files() {
        return files;
    }

    Path path(int fileId) {
        return files.get(fileId);
    }

    TokenizedText tokens(int fileId) {
        return fileTokens.get(fileId);
    }

    /** How many files are open, the main file (or the command line) outermost. */
    int depth() {
        return frames.size();
    }

    /** The files open now, outermost first. */
    List<FileFrame> open() {
        return frames;
    }

    /** Closes every open file at once, as after the command line's definitions. */
    void closeAll() {
        frames.clear();
    }

    /** Steps back over the token just read from the files, so the next read returns it again. */
    void backup() {
        FileFrame f = frame();
        f.cursor = f.lastReadStart;
    }
}
