package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Analysis;
import io.carveout.memory.Region;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.tree.DtNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * {@code cmdline-cma}: {@code cma=} in /chosen/bootargs sizes the default CMA area from the
 * command line instead of the linux,cma-default node; a fixed {@code cma=size@base} that
 * overlaps a region fails at boot.
 */
final class CmdlineCmaRule implements Rule {
    @Override
    public String id() {
        return "cmdline-cma";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        Optional<DtNode> chosen = analysis.tree().root().child("chosen");
        Optional<List<String>> bootargs = chosen.flatMap(c -> c.property("bootargs")).flatMap(p -> p.value().strings());
        if (bootargs.isEmpty()) {
            return;
        }
        String cma = null;
        for (String args : bootargs.get()) {
            for (String word : args.trim().split("\\s+")) {
                if (word.startsWith("cma=")) {
                    cma = word.substring(4); // the kernel keeps the last one
                }
            }
        }
        if (cma == null) {
            return;
        }
        var at = analysis.at(chosen.get(), "bootargs");
        Optional<ReservedRegion> defaultPool = analysis.regions().stream()
                .filter(r -> r.isEnabled() && r.node().property("linux,cma-default").isPresent()).findFirst();
        List<Related> related = new ArrayList<>();
        defaultPool.ifPresent(p -> related.add(new Related(analysis.at(p), p.name() + " has linux,cma-default")));
        String size = cma.contains("@") ? cma.substring(0, cma.indexOf('@')) : cma;
        OptionalLong bytes = memparse(size);
        OptionalLong base = cma.contains("@") ? memparse(cma.substring(cma.indexOf('@') + 1).split("-")[0])
                : OptionalLong.empty();
        if (bytes.isPresent() && base.isPresent()) {
            AddressRange fixed = new AddressRange(base.getAsLong(), bytes.getAsLong());
            for (Region region : analysis.layout().staticOccupants()) {
                Optional<AddressRange> shared = region.range().get().intersection(fixed);
                if (shared.isPresent()) {
                    List<Related> withRegion = new ArrayList<>(related);
                    withRegion.addAll(analysis.definedAt(region, region.name() + " " + Wording.range(region.range().get())
                            + " is defined here"));
                    report.accept(Findings.of(this, Severity.ERROR, at, "bootargs asks for a CMA area at "
                            + Wording.range(fixed) + " (cma=" + cma + "), which overlaps " + region.name() + " in "
                            + shared.get().brief() + ": the kernel cannot reserve it (\"cma: Failed to reserve "
                            + Long.divideUnsigned(bytes.getAsLong(), 1 << 20) + " MiB\") and there is no default CMA "
                            + "area; move the cma= base or drop it for the linux,cma-default node", withRegion,
                            List.of(), List.of(region.path())));
                    return;
                }
            }
        }
        report.accept(Findings.of(this, at, "bootargs sets cma=" + cma + ": the kernel sizes the default CMA area "
                + "from the command line" + defaultPool.map(p -> ", and the linux,cma-default node " + p.name()
                + " is bypassed").orElse("") + "; drop cma= to let the devicetree decide", related, List.of(),
                defaultPool.map(p -> List.of(p.node().path())).orElse(List.of())));
    }

    /** The kernel's memparse: a C number with an optional K, M, G, T, P or E suffix. */
    static OptionalLong memparse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int shift = 0;
        if (!t.isEmpty() && "kmgtpe".indexOf(t.charAt(t.length() - 1)) >= 0 && !t.startsWith("0x")) {
            shift = 10 * ("kmgtpe".indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        } else if (t.startsWith("0x") && t.length() > 2 && "kmgtp".indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * ("kmgtpe".indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        try {
            long value = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16)
                    : t.length() > 1 && t.startsWith("0") ? Long.parseUnsignedLong(t.substring(1), 8)
                    : Long.parseUnsignedLong(t);
            return OptionalLong.of(value << shift);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
