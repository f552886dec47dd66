package io.carveout.memory.check;

import io.carveout.memory.AddressRange;
import io.carveout.memory.BootLog;

/** The vocabulary of the messages: addresses in hex, sizes as people read them, ranges inclusive. */
final class Wording {
    private Wording() {
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    static String size(long bytes) {
        return BootLog.humanSize(bytes);
    }

    /** {@code 0x86000000..0x865fffff (6 MiB)} */
    static String range(AddressRange range) {
        return range.brief() + " (" + size(range.size()) + ")";
    }

    static String cells(int count) {
        return count + (count == 1 ? " cell" : " cells");
    }
}
