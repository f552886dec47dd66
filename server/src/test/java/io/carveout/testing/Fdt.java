package io.carveout.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flattened devicetree blob as dtc writes it, read back for comparison: the
 * reservation map and every node with its properties, in blob order. Test code only:
 * it is the independent reader the engine's merged tree is checked against.
 */
public final class Fdt {
    /** One node of the blob. */
    public static final class Node {
        public final String path;
        public final Map<String, byte[]> properties = new LinkedHashMap<>();

        Node(String path) {
            this.path = path;
        }
    }

    public final List<long[]> reservations = new ArrayList<>();
    public final List<Node> nodes = new ArrayList<>();

    public static Fdt read(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (b.getInt(0) != 0xd00dfeed) {
            throw new IllegalArgumentException("not a devicetree blob");
        }
        int structOffset = b.getInt(8);
        int stringsOffset = b.getInt(12);
        int reserveOffset = b.getInt(16);
        Fdt fdt = new Fdt();
        for (int o = reserveOffset; ; o += 16) {
            long address = b.getLong(o);
            long size = b.getLong(o + 8);
            if (address == 0 && size == 0) {
                break;
            }
            fdt.reservations.add(new long[] {address, size});
        }
        List<String> stack = new ArrayList<>();
        Node current = null;
        int o = structOffset;
        while (true) {
            int token = b.getInt(o);
            o += 4;
            if (token == 1) {
                int end = o;
                while (blob[end] != 0) {
                    end++;
                }
                String name = new String(blob, o, end - o, StandardCharsets.UTF_8);
                o = (end + 1 + 3) & ~3;
                stack.add(name);
                String path = stack.size() == 1 ? "/" : "/" + String.join("/", stack.subList(1, stack.size()));
                current = new Node(path);
                fdt.nodes.add(current);
            } else if (token == 2) {
                // properties always precede subnodes in a blob: nothing more for the parent
                stack.remove(stack.size() - 1);
                current = null;
            } else if (token == 3) {
                int length = b.getInt(o);
                int nameOffset = b.getInt(o + 4);
                o += 8;
                int end = stringsOffset + nameOffset;
                while (blob[end] != 0) {
                    end++;
                }
                String name = new String(blob, stringsOffset + nameOffset, end - stringsOffset - nameOffset,
                        StandardCharsets.UTF_8);
                byte[] value = new byte[length];
                System.arraycopy(blob, o, value, 0, length);
                current.properties.put(name, value);
                o = (o + length + 3) & ~3;
            } else if (token == 4) {
                continue;
            } else if (token == 9) {
                break;
            } else {
                throw new IllegalArgumentException("bad token " + token + " at " + (o - 4));
            }
        }
        return fdt;
    }
}
