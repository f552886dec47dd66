package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.Rule;
import io.carveout.tree.DtNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code rmem-format}: /reserved-memory needs the root's #address-cells and #size-cells, and
 * {@code ranges}, or __reserved_mem_check_root refuses it and no region is reserved.
 */
final class RmemFormatRule implements Rule {
    @Override
    public String id() {
        return "rmem-format";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        Optional<MemoryMap.ReservedMemoryNode> found = analysis.map().reservedMemory();
        if (found.isEmpty()) {
            return;
        }
        MemoryMap.ReservedMemoryNode rm = found.get();
        DtNode node = rm.node();
        int regions = analysis.regions().size();
        String consequence = ": the kernel ignores the whole node (\"Reserved memory: unsupported node format, "
                + "ignoring\"), so none of its " + regions + " region" + (regions == 1 ? "" : "s") + " is reserved";
        cells(analysis, report, node, "#address-cells", rm.addressCells(), analysis.map().rootAddressCells(),
                consequence);
        cells(analysis, report, node, "#size-cells", rm.sizeCells(), analysis.map().rootSizeCells(), consequence);
        if (rm.ranges().equals("absent")) {
            List<Fix> fixes = Findings.fixes(analysis.rewrite().insertFirst(node, "ranges;")
                    .map(e -> new Fix("add ranges; to /reserved-memory", List.of(e))));
            report.accept(Findings.of(this, analysis.at(node), "/reserved-memory has no ranges property" + consequence
                    + "; add an empty ranges;", List.of(), fixes, List.of(node.path())));
        }
    }

    private void cells(Analysis analysis, Consumer<Finding> report, DtNode node, String property,
            Optional<Long> value, int root, String consequence) {
        if (value.isPresent() && value.get() == root) {
            return;
        }
        String fact = value.isEmpty() ? "/reserved-memory has no " + property
                : "/reserved-memory has " + property + " = <" + value.get() + "> but the root has <" + root + ">";
        report.accept(Findings.of(this, analysis.at(node, property), fact + consequence + "; set " + property
                + " = <" + root + "> and write each child's reg with that many cells", List.of(), List.of(),
                List.of(node.path())));
    }
}
