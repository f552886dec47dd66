package io.carveout.memory;

/**
 * A region as Linux (v6.3 and later) logs it at boot, from of_reserved_mem.c:
 * {@code 0x%016llx..0x%016llx (%lu KiB) nomap|map reusable|non-reusable name}, the end
 * inclusive and the size in KiB truncated.
 */
public final class BootLog {
    private BootLog() {
    }

    public static String line(AddressRange range, boolean noMap, boolean reusable, String name) {
        return String.format("0x%016x..0x%016x (%d KiB) %s %s %s", range.base(), range.last(),
                Long.divideUnsigned(range.size(), 1024), noMap ? "nomap" : "map",
                reusable ? "reusable" : "non-reusable", name);
    }

    /** Sizes as a person reads them: 30 MiB, 4 KiB, 1.5 GiB, or bytes. */
    public static String humanSize(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes < 0 ? Math.pow(2, 64) + bytes : bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return value == Math.floor(value) ? String.format("%d %s", (long) value, units[unit])
                : String.format("%.2f %s", value, units[unit]).replaceAll("0+ ", " ").replace(". ", " ");
    }
}
