package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Analysis;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.tree.DtNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code unit-address}: the name of a /reserved-memory child or a /memory node carries its
 * base address: it must equal the first reg base, without {@code 0x} or leading zeros (dtc
 * unit_address_format), and only a node with reg has one (dtc unit_address_vs_reg).
 */
final class UnitAddressRule implements Rule {
    @Override
    public String id() {
        return "unit-address";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (ReservedRegion region : analysis.regions()) {
            check(analysis, report, region.node(), region.regs());
        }
        for (MemoryMap.MemoryNode memory : analysis.map().memoryNodes()) {
            check(analysis, report, memory.node(), memory.reg());
        }
    }

    private void check(Analysis analysis, Consumer<Finding> report, DtNode node, List<AddressRange> regs) {
        Optional<String> unit = node.unitAddress();
        List<String> subject = List.of(node.path());
        List<Related> related = new ArrayList<>();
        if (!regs.isEmpty()) {
            related.add(new Related(analysis.at(node, "reg"), "reg starts at " + Wording.hex(regs.get(0).base())));
        }
        if (unit.isEmpty()) {
            if (!regs.isEmpty()) {
                String name = node.name() + "@" + Long.toHexString(regs.get(0).base());
                report.accept(Findings.of(this, analysis.at(node), node.name() + " has reg but no unit address: "
                        + "by convention (dtc unit_address_vs_reg) the name carries the base, so maps and boot logs "
                        + "do not tell it apart; name it " + name, related, rename(analysis, node, name), subject));
            }
            return;
        }
        String written = unit.get();
        String first = written.split(",", -1)[0];
        if (regs.isEmpty()) {
            report.accept(Findings.of(this, analysis.at(node), node.name() + " has a unit address but no reg (dtc "
                    + "unit_address_vs_reg): the kernel places it wherever it likes, so the name tells a wrong address; "
                    + "name it " + node.baseName(), related, rename(analysis, node, node.baseName()), subject));
            return;
        }
        long base = regs.get(0).base();
        String wanted = node.baseName() + "@" + hexLike(base, written);
        Long value = parse(first);
        if (value == null || value != base) {
            report.accept(Findings.of(this, analysis.at(node), node.name() + " has unit address " + written
                    + " but reg starts at " + Wording.hex(base) + ": the name, the maps and the boot log tell a "
                    + "wrong address, and a later edit is made against the wrong one; rename it " + wanted,
                    related, rename(analysis, node, wanted), subject));
        } else if (first.startsWith("0x") || first.startsWith("0X")) {
            report.accept(Findings.of(this, analysis.at(node), "the unit address of " + node.name() + " starts "
                    + "with 0x (dtc unit_address_format): unit addresses are plain hex, and tools that compare names "
                    + "see a different node; rename it " + wanted, related, rename(analysis, node, wanted), subject));
        } else if (first.length() > 1 && first.startsWith("0")) {
            report.accept(Findings.of(this, analysis.at(node), "the unit address of " + node.name() + " has "
                    + "leading zeros (dtc unit_address_format): tools that compare names see a different node; "
                    + "rename it " + wanted, related, rename(analysis, node, wanted), subject));
        }
    }

    private static Long parse(String unit) {
        String digits = unit.startsWith("0x") || unit.startsWith("0X") ? unit.substring(2) : unit;
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String hexLike(long value, String written) {
        String hex = Long.toHexString(value);
        return written.chars().anyMatch(c -> c >= 'A' && c <= 'F') ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
    }

    private static List<Fix> rename(Analysis analysis, DtNode node, String name) {
        boolean taken = node.parent().map(p -> p.child(name).isPresent()).orElse(false);
        if (taken || name.equals(node.name())) {
            return List.of();
        }
        return Findings.fixes(analysis.rewrite().renameTo(node, name).map(e -> new Fix("rename to " + name,
                List.of(e))));
    }
}
