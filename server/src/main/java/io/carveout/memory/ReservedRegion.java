package io.carveout.memory;

import io.carveout.text.SourceSpan;
import io.carveout.tree.DtNode;
import java.util.List;
import java.util.Optional;

/**
 * One child of {@code /reserved-memory} as the kernel reads it: static ranges from
 * {@code reg}, or a dynamic request ({@code size}, {@code alignment}, {@code alloc-ranges}),
 * its flags, and the devices that use it through {@code memory-region}.
 *
 * @param regs every {@code reg} entry, in order (the kernel registers only the first)
 * @param size {@code size} of a dynamic region, when present
 * @param formatProblems lengths the kernel refuses, e.g. {@code reg} not a multiple of the cells
 */
public record ReservedRegion(
        DtNode node,
        String name,
        List<String> labels,
        String status,
        List<AddressRange> regs,
        Optional<Long> size,
        Optional<Long> alignment,
        List<AddressRange> allocRanges,
        boolean noMap,
        boolean reusable,
        List<String> compatible,
        List<String> consumers,
        List<String> otherProperties,
        List<String> formatProblems,
        SourceSpan nodeOrigin,
        Optional<SourceSpan> regOrigin,
        Optional<SourceSpan> sizeOrigin) {

    public ReservedRegion {
        labels = List.copyOf(labels);
        regs = List.copyOf(regs);
        allocRanges = List.copyOf(allocRanges);
        compatible = List.copyOf(compatible);
        consumers = List.copyOf(consumers);
        otherProperties = List.copyOf(otherProperties);
        formatProblems = List.copyOf(formatProblems);
    }

    /** "okay" and "ok" enable a node, as the kernel's of_device_is_available reads them. */
    public boolean isEnabled() {
        return status.equals("okay") || status.equals("ok");
    }

    /**
     * The lines the kernel logs for this region's reg entries as it reserves them: none for a
     * disabled region (the kernel skips it), none for an entry of size 0 (nothing is reserved).
     */
    public java.util.List<String> bootLog() {
        if (!isEnabled()) {
            return java.util.List.of();
        }
        return regs().stream().filter(r -> !r.isEmpty()).map(r -> BootLog.line(r, noMap(), reusable(), name())).toList();
    }

    public boolean isStatic() {
        return !regs.isEmpty();
    }

    public boolean isDynamic() {
        return regs.isEmpty() && size.isPresent();
    }

    /** static, dynamic, static+dynamic (both reg and size: size is ignored) or none. */
    public String kind() {
        if (!regs.isEmpty()) {
            return size.isPresent() ? "static+dynamic" : "static";
        }
        return size.isPresent() ? "dynamic" : "none";
    }

    /** A CMA pool: shared-dma-pool and reusable. */
    public boolean isCmaPool() {
        return reusable && compatible.contains("shared-dma-pool");
    }
}
