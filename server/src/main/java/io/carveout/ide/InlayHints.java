package io.carveout.ide;

import io.carveout.memory.AddressRange;
import io.carveout.memory.BootLog;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.ReservedRegion;
import io.carveout.tree.DtProperty;
import io.carveout.workspace.FileReport;
import io.carveout.workspace.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The end address and human size shown after each {@code reg} and {@code size} of a region. */
public final class InlayHints {
    /** A hint: the offset it follows and its text. */
    public record Hint(int offset, String label) {
    }

    private InlayHints() {
    }

    public static List<Hint> in(Snapshot snapshot, Path file, int from, int to) {
        List<Hint> hints = new ArrayList<>();
        FileReport report = snapshot.inContext(file);
        if (report.boards().isEmpty()) {
            return hints;
        }
        MemoryMap map = snapshot.memoryMap(report.boards().get(0));
        for (ReservedRegion region : map.regions()) {
            Optional<DtProperty> reg = region.node().property("reg");
            reg.ifPresent(p -> p.assignments().stream()
                    .filter(span -> span.file().equals(file) && span.end() >= from && span.start() <= to)
                    .reduce((a, b) -> b)
                    .ifPresent(span -> {
                        if (span.equals(p.origin()) && !region.regs().isEmpty()) {
                            AddressRange first = region.regs().get(0);
                            hints.add(new Hint(span.end(), " " + hex(first.base()) + ".." + hex(first.last())
                                    + ", " + BootLog.humanSize(first.size())));
                        }
                    }));
            region.node().property("size").ifPresent(p -> {
                if (p.origin() != null && p.origin().file().equals(file) && region.size().isPresent()
                        && p.origin().end() >= from && p.origin().start() <= to) {
                    hints.add(new Hint(p.origin().end(), " " + BootLog.humanSize(region.size().get())));
                }
            });
        }
        return hints;
    }

    private static String hex(long value) {
        return String.format("0x%x", value);
    }
}
