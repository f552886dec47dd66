package io.carveout.blob;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a flattened devicetree token by token, for the reader's tests: a well-formed blob
 * as dtc lays it out (header, reservations, structure, strings), then any field or byte can be
 * changed to make the damaged blobs a reader must refuse.
 */
final class BlobWriter {
    private final List<long[]> reservations = new ArrayList<>();
    private final ByteArrayOutputStream structure = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final List<String> names = new ArrayList<>();
    private final List<Integer> nameOffsets = new ArrayList<>();
    int version = 17;

    BlobWriter reserve(long address, long size) {
        reservations.add(new long[] {address, size});
        return this;
    }

    BlobWriter begin(String name) {
        word(1);
        bytes(name.getBytes(StandardCharsets.UTF_8));
        structure.write(0);
        pad();
        return this;
    }

    BlobWriter end() {
        return word(2);
    }

    BlobWriter property(String name, byte[] value) {
        return property(name, value, value.length);
    }

    /** A property whose length field says {@code length}, whatever the value written. */
    BlobWriter property(String name, byte[] value, long length) {
        return propertyAt(nameOffset(name), value, length);
    }

    BlobWriter propertyAt(long nameOffset, byte[] value, long length) {
        word(3);
        word(length);
        word(nameOffset);
        bytes(value);
        pad();
        return this;
    }

    BlobWriter cells(String name, long... cells) {
        ByteBuffer b = ByteBuffer.allocate(cells.length * 4);
        for (long cell : cells) {
            b.putInt((int) cell);
        }
        return property(name, b.array());
    }

    BlobWriter string(String name, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] withNul = java.util.Arrays.copyOf(text, text.length + 1);
        return property(name, withNul);
    }

    BlobWriter word(long value) {
        ByteBuffer b = ByteBuffer.allocate(4).putInt((int) value);
        structure.writeBytes(b.array());
        return this;
    }

    BlobWriter bytes(byte[] raw) {
        structure.writeBytes(raw);
        return this;
    }

    BlobWriter finish() {
        return word(9);
    }

    private void pad() {
        while (structure.size() % 4 != 0) {
            structure.write(0);
        }
    }

    private int nameOffset(String name) {
        int known = names.indexOf(name);
        if (known >= 0) {
            return nameOffsets.get(known);
        }
        int offset = strings.size();
        names.add(name);
        nameOffsets.add(offset);
        strings.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return offset;
    }

    /** Header fields, by offset, as the written blob has them. */
    static final int TOTALSIZE = 4;
    static final int OFF_STRUCT = 8;
    static final int OFF_STRINGS = 12;
    static final int OFF_RSVMAP = 16;
    static final int VERSION = 20;
    static final int LAST_COMP = 24;
    static final int SIZE_STRINGS = 32;
    static final int SIZE_STRUCT = 36;

    byte[] blob() {
        int header = 40;
        int reserve = header;
        int struct = reserve + 16 * (reservations.size() + 1);
        int stringsAt = struct + structure.size();
        int total = stringsAt + strings.size();
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0xd00dfeed).putInt(total).putInt(struct).putInt(stringsAt).putInt(reserve).putInt(version)
                .putInt(16).putInt(0).putInt(strings.size()).putInt(structure.size());
        for (long[] r : reservations) {
            b.putLong(r[0]).putLong(r[1]);
        }
        b.putLong(0).putLong(0);
        b.put(structure.toByteArray());
        b.put(strings.toByteArray());
        return b.array();
    }

    static byte[] set(byte[] blob, int offset, long value) {
        byte[] copy = blob.clone();
        ByteBuffer.wrap(copy).putInt(offset, (int) value);
        return copy;
    }

    static int get(byte[] blob, int offset) {
        return ByteBuffer.wrap(blob).getInt(offset);
    }
}
