package io.carveout.memory;

/**
 * A range of physical addresses as a devicetree writes it: a base and a size, both
 * unsigned 64-bit. {@link #end()} is exclusive and may pass 2^64 only in
 * {@link #endOverflows()}, which the checks report instead of wrapping.
 */
public record AddressRange(long base, long size) {
    /** The first address after the range (exclusive end), wrapped as unsigned arithmetic would. */
    public long end() {
        return base + size;
    }

    /** The last address inside the range (inclusive), as the boot log prints it. */
    public long last() {
        return base + size - 1;
    }

    public boolean endOverflows() {
        return size != 0 && Long.compareUnsigned(base + size - 1, base) < 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }
}
