package io.carveout.memory;

import io.carveout.finding.Edit;
import io.carveout.preprocess.SourceProvider;
import io.carveout.text.SourceSpan;
import io.carveout.tree.Cell;
import io.carveout.tree.DtNode;
import io.carveout.tree.DtProperty;
import io.carveout.tree.ValuePart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits that change a value where the user wrote it (the override in force, or the original),
 * in the user's style: a number keeps its {@code 0x} case, its digit count and its place in
 * the cell layout; a statement goes with its line; a unit address follows its reg.
 */
public final class Rewrite {
    private static final Pattern HEX = Pattern.compile("0([xX])([0-9a-fA-F]+)([uUlL]*)");
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]*)([uUlL]*)");

    private final SourceProvider sources;

    public Rewrite(SourceProvider sources) {
        this.sources = sources;
    }

    private record Slot(Cell cell, int bits, int word) {
    }

    /**
     * Edits that make a cell-array property hold {@code words} (its value as 32-bit words),
     * touching only the cells whose value changes. Empty when the value is not written as
     * plain cells the user can edit (a macro that makes several cells, a reference).
     */
    public Optional<List<Edit>> setWords(DtProperty property, long[] words) {
        List<Slot> slots = new ArrayList<>();
        int word = 0;
        String style = null;
        for (ValuePart part : property.value().parts()) {
            if (!(part instanceof ValuePart.CellArray array) || (array.bits() != 32 && array.bits() != 64)) {
                return Optional.empty();
            }
            for (Cell cell : array.cells()) {
                if (cell.isReference() || cell.origin() == null) {
                    return Optional.empty();
                }
                slots.add(new Slot(cell, array.bits(), word));
                word += array.bits() / 32;
                if (style == null) {
                    String text = text(cell.origin()).orElse("");
                    style = HEX.matcher(text.trim()).matches() ? text.trim() : null;
                }
            }
        }
        if (word != words.length) {
            return Optional.empty();
        }
        List<Edit> edits = new ArrayList<>();
        Set<SourceSpan> seen = new HashSet<>();
        for (Slot slot : slots) {
            if (!seen.add(slot.cell.origin())) {
                return Optional.empty(); // one written token makes several cells: cannot edit one of them
            }
        }
        for (Slot slot : slots) {
            long value = slot.bits == 64 ? (words[slot.word] << 32) | (words[slot.word + 1] & 0xffffffffL)
                    : words[slot.word] & 0xffffffffL;
            if (value == slot.cell.value()) {
                continue;
            }
            Optional<String> written = text(slot.cell.origin());
            if (written.isEmpty()) {
                return Optional.empty();
            }
            edits.add(new Edit(slot.cell.origin(), number(value, written.get(), style)));
        }
        return Optional.of(edits);
    }

    /** Edits that set entry {@code entry} of a (address, size) list property to {@code range}. */
    public Optional<List<Edit>> setEntry(DtProperty property, int entry, int addressCells, int sizeCells,
            AddressRange range) {
        long[] words = property.value().asCells();
        int step = addressCells + sizeCells;
        if (step == 0 || (entry + 1) * step > words.length) {
            return Optional.empty();
        }
        if (!put(words, entry * step, addressCells, range.base())
                || !put(words, entry * step + addressCells, sizeCells, range.size())) {
            return Optional.empty();
        }
        return setWords(property, words);
    }

    /** Writes {@code value} big-endian into {@code count} words; false when it does not fit. */
    private static boolean put(long[] words, int at, int count, long value) {
        if (count == 0 || (count == 1 && (value >>> 32) != 0)) {
            return false;
        }
        for (int i = count - 1; i >= 0; i--) {
            int back = count - 1 - i;
            words[at + i] = back >= 2 ? 0 : (value >>> (32 * back)) & 0xffffffffL;
        }
        return true;
    }

    /** The edit that renames a node's unit address (at its first definition) to {@code base}. */
    public Optional<Edit> renameUnitAddress(DtNode node, long base) {
        return renameTo(node, node.baseName() + "@" + unitStyle(node, base));
    }

    /** The edit that gives a node a new name where it was first defined. */
    public Optional<Edit> renameTo(DtNode node, String newName) {
        if (node.definitions().isEmpty()) {
            return Optional.empty();
        }
        SourceSpan definition = node.definitions().get(0);
        return text(definition).filter(t -> t.equals(node.name())).map(t -> new Edit(definition, newName));
    }

    private static String unitStyle(DtNode node, long base) {
        String hex = Long.toHexString(base);
        boolean upper = node.unitAddress().map(u -> !u.equals(u.toLowerCase(Locale.ROOT))).orElse(false);
        return upper ? hex.toUpperCase(Locale.ROOT) : hex;
    }

    /** Edits that remove every assignment of a property, so that none is left in force. */
    public Optional<List<Edit>> removeProperty(DtProperty property) {
        List<Edit> edits = new ArrayList<>();
        for (SourceSpan span : property.assignments()) {
            Optional<Edit> removal = removeStatement(span);
            if (removal.isEmpty()) {
                return Optional.empty();
            }
            edits.add(removal.get());
        }
        return edits.isEmpty() ? Optional.empty() : Optional.of(edits);
    }

    /** Removes a statement, and its whole line when nothing else is on it. */
    public Optional<Edit> removeStatement(SourceSpan span) {
        Optional<String> file = sources.read(span.file());
        if (file.isEmpty() || span.end() > file.get().length()) {
            return Optional.empty();
        }
        String text = file.get();
        int lineStart = text.lastIndexOf('\n', Math.max(0, span.start() - 1)) + 1;
        if (span.start() == 0) {
            lineStart = 0;
        }
        int lineEnd = text.indexOf('\n', span.end());
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        if (text.substring(lineStart, span.start()).isBlank() && text.substring(span.end(), lineEnd).isBlank()) {
            int end = lineEnd < text.length() ? lineEnd + 1 : lineEnd;
            return Optional.of(new Edit(new SourceSpan(span.file(), lineStart, end), ""));
        }
        int end = span.end();
        while (end < text.length() && text.charAt(end) == ' ') {
            end++;
        }
        return Optional.of(new Edit(new SourceSpan(span.file(), span.start(), end), ""));
    }

    public Edit replace(SourceSpan span, String newText) {
        return new Edit(span, newText);
    }

    /** Inserts a statement as the first line of a node's body, at the indentation of the body. */
    public Optional<Edit> insertFirst(DtNode node, String statement) {
        if (node.definitions().isEmpty()) {
            return Optional.empty();
        }
        SourceSpan definition = node.definitions().get(0);
        Optional<String> file = sources.read(definition.file());
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String text = file.get();
        int brace = text.indexOf('{', definition.end());
        if (brace < 0 || !text.substring(definition.end(), brace).isBlank()) {
            return Optional.empty();
        }
        int lineStart = text.lastIndexOf('\n', definition.start()) + 1;
        String indent = leading(text, lineStart);
        int next = text.indexOf('\n', brace);
        String inner = next < 0 ? indent + "\t" : leading(text, next + 1);
        if (inner.length() <= indent.length()) {
            inner = indent + (indent.contains(" ") && !indent.contains("\t") ? "    " : "\t");
        }
        return Optional.of(new Edit(new SourceSpan(definition.file(), brace + 1, brace + 1), "\n" + inner + statement));
    }

    private static String leading(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(from, i);
    }

    /** The text the user wrote at a span, when the file is readable. */
    public Optional<String> text(SourceSpan span) {
        return sources.read(span.file()).filter(t -> span.end() <= t.length())
                .map(t -> t.substring(span.start(), span.end()));
    }

    /**
     * {@code value} written the way {@code written} was: hex keeps its prefix, letter case,
     * digit count (zero-padded when it fits) and suffix; decimal stays decimal; a macro or an
     * expression becomes a hex literal in the style of {@code siblingStyle} (another cell of
     * the same value) when there is one.
     */
    public static String number(long value, String written, String siblingStyle) {
        String trimmed = written.trim();
        Matcher hex = HEX.matcher(trimmed);
        if (hex.matches()) {
            return hex(value, hex.group(1), hex.group(2), hex.group(3), true);
        }
        Matcher decimal = DECIMAL.matcher(trimmed);
        if (decimal.matches()) {
            return Long.toUnsignedString(value) + decimal.group(2);
        }
        if (siblingStyle != null) {
            Matcher sibling = HEX.matcher(siblingStyle);
            if (sibling.matches()) {
                return hex(value, sibling.group(1), sibling.group(2), "", false);
            }
        }
        return "0x" + Long.toHexString(value);
    }

    private static String hex(long value, String x, String digits, String suffix, boolean pad) {
        String out = Long.toHexString(value);
        // upper case when the user wrote upper-case digits, or 0X with no letter to tell
        boolean upper = digits.chars().anyMatch(c -> c >= 'A' && c <= 'F')
                || (x.equals("X") && digits.chars().noneMatch(c -> c >= 'a' && c <= 'f'));
        if (upper) {
            out = out.toUpperCase(Locale.ROOT);
        }
        if (pad && out.length() < digits.length()) {
            out = "0".repeat(digits.length() - out.length()) + out;
        }
        return "0" + x + out + suffix;
    }
}
