package io.carveout.preprocess;

import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Maps ranges of the preprocessed text back to the files the user wrote, so a diagnostic on an
 * expanded token lands on the macro name that was typed.
 *
 * <p>Stored as segments, not per character: a <em>copied</em> segment is text taken verbatim
 * from a file (offsets map one to one); a <em>fixed</em> segment is text a macro produced, and
 * all of it maps to the one range of the macro's use site.
 */
public final class SourceMap {

    private final List<Path> files;
    private final int count;
    private final int[] outStart;
    private final int[] outEnd;
    private final int[] file;
    private final int[] srcStart;
    private final int[] srcEnd;
    private final boolean[] copied;

    private final List<Path> userFiles;

    SourceMap(List<Path> files, Builder b) {
        this.files = List.copyOf(files);
        this.userFiles = files.stream().filter(p -> !p.equals(Preprocessor.COMMAND_LINE)).toList();
        this.count = b.count;
        this.outStart = Arrays.copyOf(b.outStart, count);
        this.outEnd = Arrays.copyOf(b.outEnd, count);
        this.file = Arrays.copyOf(b.file, count);
        this.srcStart = Arrays.copyOf(b.srcStart, count);
        this.srcEnd = Arrays.copyOf(b.srcEnd, count);
        this.copied = Arrays.copyOf(b.copied, count);
    }

    /** Every file that was read, the main file first. */
    public List<Path> files() {
        return userFiles;
    }

    public int segmentCount() {
        return count;
    }

    /** Where the output character at {@code offset} came from, as a span of length 0 or more. */
    public Optional<SourceSpan> at(int offset) {
        int s = segmentAt(offset);
        if (s < 0) {
            return Optional.empty();
        }
        if (offset >= outEnd[s]) {
            // white space the preprocessor made up: attach it to the end of what came before
            int end = copied[s] ? srcStart[s] + (outEnd[s] - outStart[s]) : srcEnd[s];
            return Optional.of(new SourceSpan(files.get(file[s]), end, end));
        }
        if (copied[s]) {
            int pos = srcStart[s] + (offset - outStart[s]);
            return Optional.of(new SourceSpan(files.get(file[s]), pos, pos + 1));
        }
        return Optional.of(new SourceSpan(files.get(file[s]), srcStart[s], srcEnd[s]));
    }

    /**
     * The source range behind output range {@code [start, end)}: from where its first character
     * came from to where its last did, when both are in one file in that order; otherwise the
     * origin of the first character.
     */
    public Optional<SourceSpan> origin(int start, int end) {
        Optional<SourceSpan> first = at(start);
        if (end <= start + 1 || first.isEmpty()) {
            return first;
        }
        Optional<SourceSpan> last = at(end - 1);
        if (last.isPresent()
                && (last.get().file() == first.get().file() || last.get().file().equals(first.get().file()))
                && last.get().end() >= first.get().start()) {
            return Optional.of(new SourceSpan(first.get().file(), first.get().start(), last.get().end()));
        }
        return first;
    }

    /**
     * Where a character a file's text was copied verbatim into the output, when it was;
     * used to find what an {@code #include} line produced.
     */
    public java.util.OptionalInt outputOf(Path source, int sourceOffset) {
        int id = files.indexOf(source);
        for (int s = 0; s < count; s++) {
            if (file[s] == id && copied[s] && srcStart[s] <= sourceOffset && sourceOffset < srcEnd[s]) {
                return java.util.OptionalInt.of(outStart[s] + (sourceOffset - srcStart[s]));
            }
        }
        return java.util.OptionalInt.empty();
    }

    /**
     * Where source range {@code [start, end)} of a file was copied verbatim into the output,
     * each place it was (a file included twice is copied twice); empty when a macro
     * expansion read any of it, as an argument or otherwise, since the output then depends
     * on it in ways a copy does not show.
     */
    public Optional<int[]> verbatimOutputs(Path source, int start, int end) {
        int id = files.indexOf(source);
        int[] found = new int[0];
        for (int s = 0; s < count; s++) {
            if (file[s] != id || srcEnd[s] <= start || srcStart[s] >= end) {
                continue;
            }
            if (!copied[s] || srcStart[s] > start || srcStart[s] + (outEnd[s] - outStart[s]) < end) {
                return Optional.empty();
            }
            found = Arrays.copyOf(found, found.length + 1);
            found[found.length - 1] = outStart[s] + (start - srcStart[s]);
        }
        return Optional.of(found);
    }

    /**
     * This map after {@code delta} characters were inserted (negative: removed) just before
     * offset {@code from} of a file, which the output copies just before its offset
     * {@code outputFrom}: source offsets of that file and output offsets at or after those
     * points move; the segment the change is in grows or shrinks.
     */
    public SourceMap movedBy(Path source, int from, int outputFrom, int delta) {
        int id = files.indexOf(source);
        SourceMap moved = new SourceMap(this);
        for (int s = 0; s < count; s++) {
            moved.outStart[s] = outStart[s] >= outputFrom ? outStart[s] + delta : outStart[s];
            moved.outEnd[s] = outEnd[s] >= outputFrom ? outEnd[s] + delta : outEnd[s];
            if (file[s] == id) {
                moved.srcStart[s] = srcStart[s] >= from ? srcStart[s] + delta : srcStart[s];
                moved.srcEnd[s] = srcEnd[s] >= from ? srcEnd[s] + delta : srcEnd[s];
            }
        }
        return moved;
    }

    /**
     * This map after characters {@code [start, end)} of a file that never reach the output (blanks
     * that end a line, which cpp drops) were replaced by {@code delta} more (fewer) such
     * characters: the output stays as it is and the file's offsets after them move. A copy that
     * ran across the place (nothing was dropped there before) is cut in two, and copies that now
     * meet are joined, as a fresh run would have made them. Empty when a copy held any of the
     * characters: then they were not dropped.
     */
    public Optional<SourceMap> withUncopiedChange(Path source, int start, int end, int delta) {
        int id = files.indexOf(source);
        Builder b = new Builder();
        for (int s = 0; s < count; s++) {
            int len = outEnd[s] - outStart[s];
            if (file[s] != id || srcEnd[s] <= start) {
                b.keep(outStart[s], outEnd[s], file[s], srcStart[s], srcEnd[s], copied[s]);
            } else if (srcStart[s] >= end) {
                b.keep(outStart[s], outEnd[s], file[s], srcStart[s] + delta, srcEnd[s] + delta, copied[s]);
            } else if (copied[s] && start == end) {
                int before = start - srcStart[s];
                b.keep(outStart[s], outStart[s] + before, id, srcStart[s], start, true);
                b.keep(outStart[s] + before, outEnd[s], id, start + delta, srcStart[s] + len + delta, true);
            } else if (!copied[s] && srcStart[s] <= start && srcEnd[s] >= end) {
                // a macro's use that spans the change (its arguments over lines): it grows
                b.keep(outStart[s], outEnd[s], id, srcStart[s], srcEnd[s] + delta, false);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new SourceMap(files, b));
    }

    private SourceMap(SourceMap copy) {
        this.files = copy.files;
        this.userFiles = copy.userFiles;
        this.count = copy.count;
        this.outStart = copy.outStart.clone();
        this.outEnd = copy.outEnd.clone();
        this.file = copy.file;
        this.srcStart = copy.srcStart.clone();
        this.srcEnd = copy.srcEnd.clone();
        this.copied = copy.copied;
    }

    /** The first output offset at or after {@code from} whose text came from {@code source}; the end when none. */
    public int nextOutputFrom(Path source, int from, int outputLength) {
        int id = files.indexOf(source);
        int s = Math.max(0, segmentAt(from));
        for (; s < count; s++) {
            if (file[s] == id && outEnd[s] > from) {
                return Math.max(outStart[s], from);
            }
        }
        return outputLength;
    }

    /**
     * Whether both maps read the same files in the same order and hold the same segments: a run
     * that replayed remembered includes must be indistinguishable from one that read them.
     */
    boolean sameAs(SourceMap o) {
        if (count != o.count || !files.equals(o.files)) {
            return false;
        }
        for (int s = 0; s < count; s++) {
            if (outStart[s] != o.outStart[s] || outEnd[s] != o.outEnd[s] || file[s] != o.file[s]
                    || srcStart[s] != o.srcStart[s] || srcEnd[s] != o.srcEnd[s] || copied[s] != o.copied[s]) {
                return false;
            }
        }
        return true;
    }

    private int segmentAt(int offset) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (outStart[mid] <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Accumulates segments while the output is written, merging neighbours that continue. */
    static final class Builder {
        private int count;
        private int[] outStart = new int[256];
        private int[] outEnd = new int[256];
        private int[] file = new int[256];
        private int[] srcStart = new int[256];
        private int[] srcEnd = new int[256];
        private boolean[] copied = new boolean[256];

        /** Output {@code [out, out+len)} is a verbatim copy of {@code [src, src+len)} of a file. */
        void copied(int out, int len, int fileIndex, int src) {
            if (count > 0) {
                int last = count - 1;
                if (copied[last]
                        && file[last] == fileIndex
                        && outEnd[last] == out
                        && srcStart[last] + (out - outStart[last]) == src) {
                    outEnd[last] = out + len;
                    srcEnd[last] = src + len;
                    return;
                }
            }
            add(out, out + len, fileIndex, src, src + len, true);
        }

        /** A segment of an existing map, joined to the one before as {@link #copied} and {@link #fixed} would. */
        void keep(int out, int outLimit, int fileIndex, int start, int end, boolean isCopy) {
            if (isCopy) {
                copied(out, outLimit - out, fileIndex, start);
            } else {
                fixed(out, outLimit - out, fileIndex, start, end);
            }
        }

        /** Output {@code [out, out+len)} came from source range {@code [start, end)} as a whole. */
        void fixed(int out, int len, int fileIndex, int start, int end) {
            if (count > 0) {
                int last = count - 1;
                if (!copied[last]
                        && file[last] == fileIndex
                        && srcStart[last] == start
                        && srcEnd[last] == end
                        && outEnd[last] == out) {
                    outEnd[last] = out + len;
                    return;
                }
            }
            add(out, out + len, fileIndex, start, end, false);
        }

        /** Made-up white space; it joins a fixed segment just before it so expansions stay whole. */
        void synthetic(int out, int len) {
            if (count > 0 && !copied[count - 1] && outEnd[count - 1] == out) {
                outEnd[count - 1] = out + len;
            }
        }

        int count() {
            return count;
        }

        /**
         * Whether what an included file prints from output offset {@code out} on can never merge
         * into the segment before it: true when there is none, or it is a copy that ends elsewhere
         * or comes from a file outside {@code included} (file indices).
         */
        boolean sealedBefore(int out, java.util.function.IntPredicate included) {
            if (count == 0) {
                return true;
            }
            int last = count - 1;
            return copied[last] && (outEnd[last] != out || !included.test(file[last]));
        }

        /** Where segment {@code s} ends, output then source, to see later that nothing extended it. */
        long endsOf(int s) {
            return ((long) outEnd[s] << 32) | (srcEnd[s] & 0xffffffffL);
        }

        /** The file index of segment {@code s}. */
        int fileOf(int s) {
            return file[s];
        }

        /**
         * Segments {@code [from, count)} packed five ints each, output offsets relative to
         * {@code outBase}, file indices translated by {@code localFile}, the copied flag in the
         * sign of the file field; what {@link #append} takes back.
         */
        int[] export(int from, int outBase, java.util.function.IntUnaryOperator localFile) {
            int[] packed = new int[(count - from) * 5];
            for (int s = from, k = 0; s < count; s++, k += 5) {
                packed[k] = outStart[s] - outBase;
                packed[k + 1] = outEnd[s] - outBase;
                int local = localFile.applyAsInt(file[s]);
                packed[k + 2] = copied[s] ? ~local : local;
                packed[k + 3] = srcStart[s];
                packed[k + 4] = srcEnd[s];
            }
            return packed;
        }

        /** Adds exported segments as they were, shifted to {@code outBase}, with local files mapped to {@code fileIds}. */
        void append(int[] packed, int outBase, int[] fileIds) {
            for (int k = 0; k < packed.length; k += 5) {
                int f = packed[k + 2];
                boolean isCopy = f < 0;
                add(packed[k] + outBase, packed[k + 1] + outBase, fileIds[isCopy ? ~f : f],
                        packed[k + 3], packed[k + 4], isCopy);
            }
        }

        private void add(int out, int outLimit, int fileIndex, int start, int end, boolean isCopy) {
            if (count == outStart.length) {
                int cap = count * 2;
                outStart = Arrays.copyOf(outStart, cap);
                outEnd = Arrays.copyOf(outEnd, cap);
                file = Arrays.copyOf(file, cap);
                srcStart = Arrays.copyOf(srcStart, cap);
                srcEnd = Arrays.copyOf(srcEnd, cap);
                copied = Arrays.copyOf(copied, cap);
            }
            outStart[count] = out;
            outEnd[count] = outLimit;
            file[count] = fileIndex;
            srcStart[count] = start;
            srcEnd[count] = end;
            copied[count] = isCopy;
            count++;
        }
    }
}
