package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Analysis;
import io.carveout.memory.MemReserveEntry;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.tree.DtProperty;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code reg-format}: reg, size, alignment and alloc-ranges with the cell counts the kernel
 * reads, or it skips the node; and no range that runs past 2^64.
 */
final class RegFormatRule implements Rule {
    @Override
    public String id() {
        return "reg-format";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        int ac = analysis.addressCells();
        int sc = analysis.sizeCells();
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled()) {
                continue;
            }
            String name = region.name();
            List<String> subject = List.of(region.node().path());
            region.node().property("reg").ifPresent(reg -> {
                int cells = reg.bytes().length / 4;
                if (reg.bytes().length % 4 != 0 || cells == 0 || (ac + sc > 0 && cells % (ac + sc) != 0)) {
                    report.accept(Findings.of(this, analysis.at(region.node(), "reg"), "reg of " + name + " has "
                            + describe(reg) + ", not a non-zero multiple of #address-cells + #size-cells = "
                            + (ac + sc) + ": the kernel skips the node (\"invalid reg property in '" + name
                            + "', skipping node.\") and reserves nothing; write (address, size) pairs of " + ac
                            + " + " + sc + " cells", List.of(), List.of(), subject));
                }
                overflow(analysis, report, region, "reg", region.regs());
            });
            if (region.node().property("reg").isPresent()) {
                // size, alignment and alloc-ranges are read only to allocate a node without reg
                // (__reserved_mem_alloc_size); with reg they are ignored: static-dynamic-props
                // and reg-and-size say so, as warnings
                continue;
            }
            region.node().property("size").ifPresent(size -> {
                if (size.bytes().length != 4 * sc) {
                    report.accept(Findings.of(this, analysis.at(region.node(), "size"), "size of " + name + " has "
                            + describe(size) + ", not #size-cells = " + sc + ": the kernel skips the node (\"invalid "
                            + "size property in '" + name + "' node.\") and allocates nothing; write the size in "
                            + Wording.cells(sc), List.of(), List.of(), subject));
                }
            });
            region.node().property("alignment").ifPresent(alignment -> {
                int bytes = alignment.bytes().length;
                if (bytes != 4 * ac) {
                    String spec = bytes == 4 * sc ? " (the binding's #size-cells, but Linux reads #address-cells)" : "";
                    report.accept(Findings.of(this, analysis.at(region.node(), "alignment"), "alignment of " + name
                            + " has " + describe(alignment) + spec + ", not #address-cells = " + ac + ": the kernel "
                            + "skips the node (\"invalid alignment property in '" + name + "' node.\"); write it in "
                            + Wording.cells(ac), List.of(), List.of(), subject));
                }
            });
            region.node().property("alloc-ranges").ifPresent(alloc -> {
                int cells = alloc.bytes().length / 4;
                if (alloc.bytes().length % 4 != 0 || (ac + sc > 0 && cells % (ac + sc) != 0)) {
                    report.accept(Findings.of(this, analysis.at(region.node(), "alloc-ranges"), "alloc-ranges of "
                            + name + " has " + describe(alloc) + ", not a multiple of #address-cells + #size-cells = "
                            + (ac + sc) + ": the kernel skips the node (\"invalid alloc-ranges property in '" + name
                            + "', skipping node.\"); write (address, size) pairs", List.of(), List.of(), subject));
                }
                overflow(analysis, report, region, "alloc-ranges", region.allocRanges());
            });
        }
        for (MemReserveEntry entry : analysis.layout().reservations()) {
            if (entry.at().endOverflows()) {
                report.accept(Findings.of(this, entry.origin(), "/memreserve/ " + Wording.hex(entry.at().base()) + " "
                        + Wording.hex(entry.at().size()) + " runs past the top of the 64-bit address space: the "
                        + "range wraps; give the size that ends where the reserved memory ends", List.of(), List.of(),
                        List.of(entry.path())));
            }
        }
        for (MemoryMap.MemoryNode memory : analysis.map().memoryNodes()) {
            for (AddressRange range : memory.effective()) {
                if (range.endOverflows()) {
                    String property = memory.usableMemory().isPresent() ? "linux,usable-memory" : "reg";
                    report.accept(Findings.of(this, analysis.at(memory.node(), property), property + " of "
                            + memory.node().path() + " has a range that runs past 2^64 (base " + Wording.hex(range.base())
                            + ", size " + Wording.hex(range.size()) + "): the kernel clips it; give the real size",
                            List.of(), List.of(), List.of(memory.node().path())));
                }
            }
        }
    }

    private void overflow(Analysis analysis, Consumer<Finding> report, ReservedRegion region, String property,
            List<AddressRange> ranges) {
        for (AddressRange range : ranges) {
            if (range.endOverflows()) {
                report.accept(Findings.of(this, analysis.at(region.node(), property), property + " of " + region.name()
                        + " has base " + Wording.hex(range.base()) + " and size " + Wording.hex(range.size())
                        + ", which run past the top of the 64-bit address space: the end wraps around and the kernel "
                        + "reserves the wrong range; give the size that ends where the region ends",
                        List.of(), List.of(), List.of(region.node().path())));
            }
        }
    }

    private static String describe(DtProperty property) {
        int bytes = property.bytes().length;
        return bytes % 4 == 0 ? Wording.cells(bytes / 4) : bytes + " bytes";
    }
}
