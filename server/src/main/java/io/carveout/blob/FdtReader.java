package io.carveout.blob;

import io.carveout.text.SourceSpan;
import io.carveout.tree.DeviceTree;
import io.carveout.tree.DtNode;
import io.carveout.tree.TreeBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a flattened devicetree (the devicetree specification, chapter 5: header, memory
 * reservation block, structure block, strings block) into the engine's merged tree. A blob
 * may come from anywhere (a bootloader's, a running system's /sys/firmware/fdt, a damaged
 * file): every header field is checked against the file and every read against its block,
 * and the first thing wrong is answered as a {@link BlobProblem}, never read past.
 */
public final class FdtReader {
    public static final int MAGIC = 0xd00dfeed;
    /** The header up to size_dt_struct (version 17); version 16 stops 4 bytes earlier. */
    private static final int HEADER_17 = 40;
    private static final int HEADER_16 = 36;
    private static final int BEGIN_NODE = 1;
    private static final int END_NODE = 2;
    private static final int PROP = 3;
    private static final int NOP = 4;
    private static final int END = 9;
    /** As deep as Linux unflattens (FDT_MAX_DEPTH in drivers/of/fdt.c). */
    public static final int MAX_DEPTH = 64;

    private final Path file;
    private final byte[] bytes;
    private final int size;
    private final Map<Integer, String> places = new HashMap<>();

    private FdtReader(Path file, byte[] bytes, int size) {
        this.file = file;
        this.bytes = bytes;
        this.size = size;
    }

    /** What reading gives: the blob, or why it is not one that can be read. */
    public sealed interface Result {
    }

    public record Read(Blob blob) implements Result {
    }

    public record Refused(BlobProblem problem) implements Result {
    }

    private static final class Bad extends Exception {
        final BlobProblem problem;

        Bad(String what, long offset) {
            super(what, null, false, false);
            problem = new BlobProblem(what, offset);
        }
    }

    /** Whether these first bytes of a file begin a flattened devicetree. */
    public static boolean hasMagic(byte[] head) {
        return head.length >= 4 && u32(head, 0) == (MAGIC & 0xffffffffL);
    }

    /** Reads a blob; {@code file} names it in the places of the tree. */
    public static Result read(Path file, byte[] bytes) {
        try {
            return new Read(new FdtReader(file, bytes, bytes.length).blob());
        } catch (Bad bad) {
            return new Refused(bad.problem);
        }
    }

    private Blob blob() throws Bad {
        if (size < 4) {
            throw new Bad("truncated: " + size + " bytes, not even the magic number", 0);
        }
        long magic = u32(bytes, 0);
        if (magic != (MAGIC & 0xffffffffL)) {
            throw new Bad(String.format("not a flattened devicetree: magic 0x%08x, not 0xd00dfeed", magic), 0);
        }
        if (size < 28) {
            throw new Bad("truncated header: " + size + " bytes", size);
        }
        long version = field(20);
        long lastCompatible = field(24);
        if (version < 16) {
            throw new Bad("version " + version + " blobs (before 16) are not read", 20);
        }
        if (lastCompatible > 17) {
            throw new Bad("last compatible version " + lastCompatible + ": only readers of version " + lastCompatible
                    + " or later can read it", 24);
        }
        int header = version >= 17 ? HEADER_17 : HEADER_16;
        if (size < header) {
            throw new Bad("truncated header: " + size + " bytes of " + header, size);
        }
        long total = field(4);
        if (total > size) {
            throw new Bad("totalsize " + total + " is past the end of the file (" + size + " bytes): truncated", 4);
        }
        if (total < header) {
            throw new Bad("totalsize " + total + " is smaller than the header (" + header + " bytes)", 4);
        }
        long structOffset = field(8);
        long stringsOffset = field(12);
        long reserveOffset = field(16);
        long stringsSize = field(32);
        // before version 17 the structure block's size is not told: it reaches the next block or the end
        long structSize = version >= 17 ? field(36)
                : Math.max(0, java.util.stream.LongStream.of(stringsOffset, reserveOffset, total)
                        .filter(o -> o > structOffset).min().orElse(total) - structOffset);
        block("structure block", structOffset, structSize, 8, 36, header, total);
        block("strings block", stringsOffset, stringsSize, 12, 32, header, total);
        if (reserveOffset < header || reserveOffset > total) {
            throw new Bad("memory reservation block offset " + reserveOffset + " is outside the blob (header "
                    + header + ", totalsize " + total + ")", 16);
        }
        if (reserveOffset % 8 != 0) {
            throw new Bad("memory reservation block offset " + reserveOffset + " is not 8-byte aligned", 16);
        }
        if (structOffset % 4 != 0) {
            throw new Bad("structure block offset " + structOffset + " is not 4-byte aligned", 8);
        }
        if (overlap(structOffset, structSize, stringsOffset, stringsSize)) {
            throw new Bad("structure block " + range(structOffset, structSize) + " and strings block "
                    + range(stringsOffset, stringsSize) + " overlap", 12);
        }
        TreeBuilder builder = new TreeBuilder(new SourceSpan(file, (int) structOffset, (int) structOffset));
        long reserveEnd = reservations(builder, reserveOffset, total);
        long reserveSize = reserveEnd - reserveOffset;
        if (overlap(reserveOffset, reserveSize, structOffset, structSize)) {
            throw new Bad("memory reservation block " + range(reserveOffset, reserveSize) + " overlaps the structure block "
                    + range(structOffset, structSize), 16);
        }
        if (overlap(reserveOffset, reserveSize, stringsOffset, stringsSize)) {
            throw new Bad("memory reservation block " + range(reserveOffset, reserveSize) + " overlaps the strings block "
                    + range(stringsOffset, stringsSize), 16);
        }
        structure(builder, (int) structOffset, (int) (structOffset + structSize), (int) stringsOffset,
                (int) (stringsOffset + stringsSize));
        DeviceTree tree = builder.finish(List.of());
        symbols(builder, tree);
        return new Blob(file, (int) version, tree, places);
    }

    private void block(String name, long offset, long length, int offsetField, int sizeField, int header, long total)
            throws Bad {
        if (offset < header || offset > total) {
            throw new Bad(name + " offset " + offset + " is outside the blob (header " + header + ", totalsize "
                    + total + ")", offsetField);
        }
        if (offset + length > total) {
            throw new Bad(name + " " + range(offset, length) + " ends past totalsize " + total, sizeField);
        }
    }

    /** The reservation entries up to the (0, 0) that ends them; answers the end of the block. */
    private long reservations(TreeBuilder builder, long offset, long total) throws Bad {
        long at = offset;
        int entry = 0;
        while (true) {
            if (at + 16 > total) {
                throw new Bad("memory reservation block has no (0, 0) entry to end it before totalsize " + total, at);
            }
            long address = u64((int) at);
            long length = u64((int) at + 8);
            if (address == 0 && length == 0) {
                return at + 16;
            }
            entry++;
            SourceSpan span = new SourceSpan(file, (int) at, (int) at + 16);
            places.put((int) at, "/memreserve/#" + entry);
            builder.memReserve(address, length, span);
            at += 16;
        }
    }

    private void structure(TreeBuilder builder, int start, int end, int strings, int stringsEnd) throws Bad {
        ArrayDeque<DtNode> open = new ArrayDeque<>();
        boolean rootSeen = false;
        boolean ended = false;
        int at = start;
        while (!ended) {
            if (at + 4 > end) {
                throw new Bad(open.isEmpty() && rootSeen ? "structure block has no END token"
                        : "structure block ends inside node " + (open.isEmpty() ? "/" : open.peek().path())
                                + " (unbalanced: " + open.size() + " node(s) not closed)", at);
            }
            int tokenAt = at;
            long token = u32(bytes, at);
            at += 4;
            switch ((int) token) {
                case BEGIN_NODE -> {
                    int nameEnd = terminator(at, end, "node name");
                    String name = new String(bytes, at, nameEnd - at, StandardCharsets.UTF_8);
                    SourceSpan span = new SourceSpan(file, tokenAt, nameEnd);
                    if (open.isEmpty()) {
                        if (rootSeen) {
                            throw new Bad("a second root node after the first one closed", tokenAt);
                        }
                        if (!name.isEmpty()) {
                            throw new Bad("the root node is named \"" + name + "\"; it must have an empty name", at);
                        }
                        rootSeen = true;
                        open.push(builder.root());
                        places.put(tokenAt, "/");
                    } else {
                        if (name.isEmpty()) {
                            throw new Bad("node without a name in " + open.peek().path(), at);
                        }
                        if (name.indexOf('/') >= 0) {
                            throw new Bad("node name \"" + name + "\" contains '/'", at);
                        }
                        if (open.size() >= MAX_DEPTH) {
                            throw new Bad("nodes nested deeper than " + MAX_DEPTH + " levels", tokenAt);
                        }
                        DtNode node = builder.child(open.peek(), name, span);
                        open.push(node);
                        places.put(tokenAt, node.path());
                    }
                    at = align(nameEnd + 1);
                }
                case END_NODE -> {
                    if (open.isEmpty()) {
                        throw new Bad("END_NODE with no node open (unbalanced)", tokenAt);
                    }
                    open.pop();
                }
                case PROP -> {
                    if (open.isEmpty()) {
                        throw new Bad("property outside any node", tokenAt);
                    }
                    if (at + 8 > end) {
                        throw new Bad("property header runs past the structure block", tokenAt);
                    }
                    long length = u32(bytes, at);
                    long nameOffset = u32(bytes, at + 4);
                    int value = at + 8;
                    if (length > end - value) {
                        throw new Bad("property length " + length + " runs past the end of the structure block ("
                                + (end - value) + " bytes left)", at);
                    }
                    if (nameOffset >= stringsEnd - strings) {
                        throw new Bad("property name offset " + nameOffset + " is past the strings block ("
                                + (stringsEnd - strings) + " bytes)", at + 4);
                    }
                    int nameStart = strings + (int) nameOffset;
                    int nameEnd = terminator(nameStart, stringsEnd, "property name in the strings block");
                    if (nameEnd == nameStart) {
                        throw new Bad("property with an empty name", at + 4);
                    }
                    String name = new String(bytes, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
                    byte[] content = java.util.Arrays.copyOfRange(bytes, value, value + (int) length);
                    DtNode node = open.peek();
                    builder.property(node, name, content, new SourceSpan(file, tokenAt, value + (int) length));
                    places.put(tokenAt, node.path() + " " + name);
                    at = align(value + (int) length);
                }
                case NOP -> {
                }
                case END -> {
                    if (!open.isEmpty()) {
                        throw new Bad("END token inside node " + open.peek().path() + " (unbalanced: " + open.size()
                                + " node(s) not closed)", tokenAt);
                    }
                    if (!rootSeen) {
                        throw new Bad("structure block has no root node", tokenAt);
                    }
                    ended = true;
                }
                default -> throw new Bad(String.format("unknown token 0x%08x", token), tokenAt);
            }
        }
    }

    /** The offset of the NUL that ends a name starting at {@code from}, inside {@code [from, end)}. */
    private int terminator(int from, int end, String what) throws Bad {
        for (int i = from; i < end; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        throw new Bad(what + " is not terminated before the end of its block", from);
    }

    /** Labels from /__symbols__ (dtc -@): each property names a label and holds the path of its node. */
    private static void symbols(TreeBuilder builder, DeviceTree tree) {
        Optional<DtNode> symbols = builder.root().child("__symbols__");
        if (symbols.isEmpty()) {
            return;
        }
        for (var property : symbols.get().properties()) {
            Optional<String> path = property.value().strings().filter(s -> s.size() == 1).map(s -> s.get(0));
            if (path.isEmpty() || !path.get().startsWith("/")) {
                continue;
            }
            tree.node(path.get()).ifPresent(node -> builder.label(node, property.name()));
        }
    }

    private static boolean overlap(long aStart, long aLength, long bStart, long bLength) {
        return aLength > 0 && bLength > 0 && aStart < bStart + bLength && bStart < aStart + aLength;
    }

    private static String range(long offset, long length) {
        return String.format("0x%x..0x%x", offset, offset + length);
    }

    private static int align(int offset) {
        return (offset + 3) & ~3;
    }

    private long field(int offset) {
        return u32(bytes, offset);
    }

    private long u64(int offset) {
        return (u32(bytes, offset) << 32) | u32(bytes, offset + 4);
    }

    private static long u32(byte[] b, int offset) {
        return ((b[offset] & 0xffL) << 24) | ((b[offset + 1] & 0xffL) << 16) | ((b[offset + 2] & 0xffL) << 8)
                | (b[offset + 3] & 0xffL);
    }
}
