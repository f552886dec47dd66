package io.carveout.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reserved-memory lines of a kernel log (dmesg, a serial console capture, journalctl -k),
 * in the forms the kernel has printed them from v4.x to today (drivers/of/of_reserved_mem.c,
 * drivers/of/fdt.c before it, kernel/dma/contiguous.c, kernel/dma/coherent.c, mm/cma.c).
 * Whatever precedes a message on its line (a timestamp, a log level, a host name) is ignored.
 */
public final class KernelLog {
    /** One line the kernel logged about reserved memory, with its line number in the log (1-based). */
    public sealed interface Entry {
        int line();
    }

    /**
     * A region reserved or placed, as v6.3 and later log every one ({@code 0x..0x (N KiB) nomap
     * non-reusable name}; the first v6.3 candidates wrote {@code ( N KB )}). The end is inclusive.
     */
    public record Region(int line, long base, long last, boolean noMap, boolean reusable, String name)
            implements Entry {
        public AddressRange range() {
            return new AddressRange(base, last - base + 1);
        }
    }

    /** {@code failed to reserve memory for node 'name': base B, size N MiB}: a static region the kernel could not reserve. */
    public record ReserveFailed(int line, String name, long base, long sizeMiB) implements Entry {
    }

    /** {@code failed to allocate memory for node 'name'}: a dynamic region with no room. */
    public record AllocationFailed(int line, String name) implements Entry {
    }

    /** {@code OVERLAP DETECTED!} and the line after it: two regions and their ranges (end exclusive). */
    public record Overlap(int line, String first, AddressRange firstRange, String second, AddressRange secondRange)
            implements Entry {
    }

    /** {@code Reserved memory: incorrect alignment of CMA region}: a CMA pool refused (the log names no node). */
    public record CmaMisaligned(int line) implements Entry {
    }

    /**
     * {@code Reserved memory: created CMA memory pool at B, size N MiB} (or a DMA or restricted DMA
     * pool): a pool set up; {@code name} is the node of the {@code initialized node} line that
     * follows it, when the log has one.
     */
    public record PoolCreated(int line, String kind, long base, long sizeMiB, Optional<String> name) implements Entry {
    }

    /** {@code cma: Reserved N MiB at B}: the default CMA area of cma= or the kernel's configuration, not a node. */
    public record CmaArea(int line, long sizeMiB, long base) implements Entry {
    }

    private static final String HEX = "0x([0-9a-fA-F]+)";
    private static final Pattern REGION = Pattern.compile(HEX + "\\.\\." + HEX
            + " \\(\\s*\\d+ KiB\\s*\\)|" + HEX + "\\.\\." + HEX + " \\( \\d+ KB \\)");
    private static final Pattern REGION_TAIL = Pattern.compile("^ (nomap|map) (reusable|non-reusable) (.+)$");
    private static final Pattern RESERVE_FAILED = Pattern.compile(
            "failed to reserve memory for node '([^']*)': base " + HEX + ", size (\\d+) MiB");
    private static final Pattern ALLOCATION_FAILED = Pattern.compile("failed to allocate memory for node '([^']*)'");
    private static final Pattern OVERLAP = Pattern.compile("(\\S+) \\(" + HEX + "--" + HEX + "\\) overlaps with (\\S+) \\("
            + HEX + "--" + HEX + "\\)");
    private static final Pattern POOL = Pattern.compile(
            "Reserved memory: created (CMA memory|DMA memory|restricted DMA) pool at " + HEX + ", size (\\d+) MiB");
    private static final Pattern INITIALIZED = Pattern.compile("initialized node (\\S+), compatible id (\\S+)");
    private static final Pattern CMA_AREA = Pattern.compile("cma: Reserved (\\d+) MiB at " + HEX);

    private KernelLog() {
    }

    public static List<Entry> read(String log) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = log.split("\r?\n", -1);
        PoolCreated pending = null;
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i];
            int number = i + 1;
            Matcher m;
            if (text.contains("OVERLAP DETECTED!")) {
                // the two regions are on the same line in a log joined by hand, else on the next
                Matcher same = OVERLAP.matcher(text);
                Matcher next = i + 1 < lines.length ? OVERLAP.matcher(lines[i + 1]) : null;
                Matcher found = same.find() ? same : next != null && next.find() ? next : null;
                if (found != null) {
                    entries.add(new Overlap(number, found.group(1), exclusive(found.group(2), found.group(3)),
                            found.group(4), exclusive(found.group(5), found.group(6))));
                }
                continue;
            }
            if ((m = RESERVE_FAILED.matcher(text)).find()) {
                entries.add(new ReserveFailed(number, m.group(1), hex(m.group(2)), Long.parseLong(m.group(3))));
            } else if ((m = ALLOCATION_FAILED.matcher(text)).find()) {
                entries.add(new AllocationFailed(number, m.group(1)));
            } else if (text.contains("Reserved memory: incorrect alignment of CMA region")) {
                entries.add(new CmaMisaligned(number));
            } else if ((m = POOL.matcher(text)).find()) {
                pending = new PoolCreated(number, m.group(1), hex(m.group(2)), Long.parseLong(m.group(3)),
                        Optional.empty());
                entries.add(pending);
            } else if ((m = INITIALIZED.matcher(text)).find()) {
                if (pending != null) {
                    entries.set(entries.indexOf(pending), new PoolCreated(pending.line(), pending.kind(), pending.base(),
                            pending.sizeMiB(), Optional.of(m.group(1))));
                    pending = null;
                }
            } else if ((m = CMA_AREA.matcher(text)).find()) {
                entries.add(new CmaArea(number, Long.parseLong(m.group(1)), hex(m.group(2))));
            } else if ((m = REGION.matcher(text)).find()) {
                Matcher tail = REGION_TAIL.matcher(text.substring(m.end()));
                if (tail.find()) {
                    String base = m.group(1) != null ? m.group(1) : m.group(3);
                    String last = m.group(2) != null ? m.group(2) : m.group(4);
                    entries.add(new Region(number, hex(base), hex(last), tail.group(1).equals("nomap"),
                            tail.group(2).equals("reusable"), tail.group(3).strip()));
                }
            }
        }
        return entries;
    }

    private static AddressRange exclusive(String base, String end) {
        long b = hex(base);
        return new AddressRange(b, hex(end) - b);
    }

    private static long hex(String digits) {
        return Long.parseUnsignedLong(digits.length() > 16 ? digits.substring(digits.length() - 16) : digits, 16);
    }
}
