package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Analysis;
import io.carveout.memory.Carveout;
import io.carveout.memory.DynamicRegion;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.function.Consumer;

/** {@code cma-zone}: a CMA pool across 4 GiB spans two zones (DMA32 and Normal), which CMA cannot activate. */
final class CmaZoneRule implements Rule {
    private static final long FOUR_GIB = 1L << 32;

    @Override
    public String id() {
        return "cma-zone";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (Carveout c : analysis.layout().carveouts()) {
            if (c.region().isEnabled() && c.isCmaPool() && crosses(c.at())) {
                report.accept(Findings.of(this, analysis.at(c.region()), message(c.name(), c.at(), "its reg"),
                        List.of(), Findings.fixes(analysis.relocation().toGap(c).flatMap(m -> analysis.relocation()
                                .fix("move " + c.name() + " to the free gap at " + Wording.hex(m.to().base()),
                                        List.of(m)))), List.of(c.path())));
            }
        }
        for (DynamicRegion d : analysis.layout().dynamics()) {
            if (d.isCmaPool() && d.range().isPresent() && crosses(d.range().get())) {
                report.accept(Findings.of(this, analysis.at(d.region()), message(d.name(), d.range().get(),
                        "its predicted placement"), List.of(), List.of(), List.of(d.path())));
            }
        }
    }

    private static String message(String name, AddressRange range, String what) {
        return "CMA pool " + name + " " + Wording.range(range) + " (" + what + ") crosses 4 GiB, the end of ZONE_DMA32: "
                + "its pages fall in two zones and CMA refuses to activate it (\"CMA area " + name
                + " could not be activated\"); keep it below or above 0x100000000";
    }

    static boolean crosses(AddressRange range) {
        return Long.compareUnsigned(range.base(), FOUR_GIB) < 0 && Long.compareUnsigned(range.last(), FOUR_GIB) >= 0;
    }
}
