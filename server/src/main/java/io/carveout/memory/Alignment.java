package io.carveout.memory;

import java.util.OptionalLong;

/**
 * Unsigned 64-bit alignment arithmetic for addresses and sizes: the rounding the kernel's
 * memblock does, with an empty answer where rounding would pass 2^64 instead of a wrap.
 */
public final class Alignment {
    private Alignment() {
    }

    public static boolean isPowerOfTwo(long value) {
        return value != 0 && (value & (value - 1)) == 0;
    }

    /** True when {@code value} is a multiple of {@code alignment} (any alignment, not only powers of two). */
    public static boolean isAligned(long value, long alignment) {
        return alignment == 0 || Long.remainderUnsigned(value, alignment) == 0;
    }

    /** The smallest multiple of {@code alignment} at or above {@code value}, unless that passes 2^64. */
    public static OptionalLong up(long value, long alignment) {
        if (alignment == 0) {
            return OptionalLong.of(value);
        }
        long remainder = Long.remainderUnsigned(value, alignment);
        if (remainder == 0) {
            return OptionalLong.of(value);
        }
        long rounded = value + (alignment - remainder);
        return Long.compareUnsigned(rounded, value) < 0 ? OptionalLong.empty() : OptionalLong.of(rounded);
    }

    /** The largest multiple of {@code alignment} at or below {@code value}. */
    public static long down(long value, long alignment) {
        return alignment == 0 ? value : value - Long.remainderUnsigned(value, alignment);
    }

    /** The smallest power of two at or above {@code value} (at least 1), unless that passes 2^63. */
    public static OptionalLong nextPowerOfTwo(long value) {
        if (Long.compareUnsigned(value, 1L << 63) > 0) {
            return OptionalLong.empty();
        }
        long power = 1;
        while (Long.compareUnsigned(power, value) < 0) {
            power <<= 1;
        }
        return OptionalLong.of(power);
    }

    /**
     * The largest power of two that divides {@code value}, capped at {@code cap}: how aligned a
     * base already is, so that a region moved by the least amount keeps the alignment it had.
     */
    public static long natural(long value, long cap) {
        if (value == 0) {
            return cap;
        }
        long lowest = Long.lowestOneBit(value);
        return lowest < 0 || Long.compareUnsigned(lowest, cap) > 0 ? cap : lowest;
    }
}
