package io.carveout.preprocess;

import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A file being read: its tokens, the read position, and its own stack of open conditionals. */
final class FileFrame {
    final TokenizedText tokens;
    final Path path;
    final int fileId;
    final int foundRoot;
    final List<Conditional> conditionals = new ArrayList<>();
    int cursor;
    int lastReadStart;
    int lineDelta;

    FileFrame(TokenizedText tokens, Path path, int fileId, int foundRoot) {
        this.tokens = tokens;
        this.path = path;
        this.fileId = fileId;
        this.foundRoot = foundRoot;
    }

    /** One open {@code #if} group. */
    static final class Conditional {
        final boolean wasSkipping;
        boolean taken;
        boolean sawElse;
        String directive;
        SourceSpan where;

        Conditional(boolean wasSkipping, boolean taken, String directive, SourceSpan where) {
            this.wasSkipping = wasSkipping;
            this.taken = taken;
            this.directive = directive;
            this.where = where;
        }
    }
}
