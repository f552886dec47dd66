package io.carveout.memory;

import com.google.common.collect.Range;
import com.google.common.primitives.UnsignedLong;
import java.util.Optional;

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

    /**
     * The range cut at the top of the 64-bit space when it runs past it: what a region
     * that overflows can still collide with.
     */
    public AddressRange clipped() {
        return endOverflows() ? new AddressRange(base, -base) : this;
    }

    /**
     * The addresses as a closed Guava range of unsigned values, {@code [base, last]}: closed
     * because the exclusive end of a range that reaches 2^64 - 1 has no 64-bit value.
     * Empty ranges have no span.
     */
    public Optional<Range<UnsignedLong>> span() {
        if (size == 0) {
            return Optional.empty();
        }
        AddressRange r = clipped();
        return Optional.of(Range.closed(UnsignedLong.fromLongBits(r.base), UnsignedLong.fromLongBits(r.last())));
    }

    /** The inclusive addresses of any Guava range over unsigned values, or empty when it holds none. */
    public static Optional<AddressRange> of(Range<UnsignedLong> range) {
        long first = range.hasLowerBound() ? range.lowerEndpoint().longValue() : 0;
        if (range.hasLowerBound() && range.lowerBoundType() == com.google.common.collect.BoundType.OPEN) {
            if (first == -1L) {
                return Optional.empty();
            }
            first++;
        }
        long last = range.hasUpperBound() ? range.upperEndpoint().longValue() : -1L;
        if (range.hasUpperBound() && range.upperBoundType() == com.google.common.collect.BoundType.OPEN) {
            if (last == 0) {
                return Optional.empty();
            }
            last--;
        }
        if (Long.compareUnsigned(first, last) > 0) {
            return Optional.empty();
        }
        // a range covering the whole 64-bit space has no 64-bit size: keep all but the last byte
        long size = last - first + 1;
        return Optional.of(new AddressRange(first, size == 0 ? -1L : size));
    }

    public boolean contains(AddressRange other) {
        if (other.size == 0 || size == 0) {
            return false;
        }
        AddressRange a = clipped();
        AddressRange b = other.clipped();
        return Long.compareUnsigned(a.base, b.base) <= 0 && Long.compareUnsigned(b.last(), a.last()) <= 0;
    }

    public boolean overlaps(AddressRange other) {
        return intersection(other).isPresent();
    }

    /** The bytes both ranges hold, when they share any. */
    public Optional<AddressRange> intersection(AddressRange other) {
        if (size == 0 || other.size == 0) {
            return Optional.empty();
        }
        AddressRange a = clipped();
        AddressRange b = other.clipped();
        long first = Long.compareUnsigned(a.base, b.base) >= 0 ? a.base : b.base;
        long last = Long.compareUnsigned(a.last(), b.last()) <= 0 ? a.last() : b.last();
        if (Long.compareUnsigned(first, last) > 0) {
            return Optional.empty();
        }
        return Optional.of(new AddressRange(first, last - first + 1));
    }

    /** {@code 0x0000000081800000..0x00000000835fffff}, the inclusive form the boot log uses. */
    public String describe() {
        return String.format("0x%016x..0x%016x", base, clipped().last());
    }

    /** {@code 0x81800000..0x835fffff}: the inclusive form without leading zeros, for messages. */
    public String brief() {
        return "0x" + Long.toHexString(base) + "..0x" + Long.toHexString(clipped().last());
    }
}
