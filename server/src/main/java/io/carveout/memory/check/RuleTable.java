package io.carveout.memory.check;

import io.carveout.finding.Code;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.Optional;

/**
 * The one table of checks, in the order of RULES.md: every rule id, its default severity and
 * the class that implements it. Settings, {@code --rule} and SARIF read it from here.
 *
 * <p>As dtc's checks.c does, each rule declares its prerequisites: the codes that must not have
 * fired on a node for the rule to be checked on it. A reg the kernel cannot read makes it skip
 * the node, so what the cells would say (an overlap, an alignment) is no prediction; a
 * memory-region cell that names no node was reported by the tree. A prerequisite comes earlier
 * in the table than the rules that need it.
 */
public final class RuleTable {
    /** A rule and the codes that must not have fired on a node before it is checked there. */
    public record Entry(Rule rule, List<Code> prerequisites) {
        public Entry {
            prerequisites = List.copyOf(prerequisites);
        }
    }

    public static final List<Entry> TABLE = List.of(
            // the /reserved-memory container and the shape of each node
            entry(new RmemFormatRule()),
            entry(new RegFormatRule()),
            entry(new MultipleRegRule(), Code.REG_FORMAT),
            entry(new RegAndSizeRule()),
            entry(new NoRegNoSizeRule()),
            entry(new ZeroSizeRule(), Code.REG_FORMAT),
            entry(new StaticDynamicPropsRule()),
            entry(new AlignmentCellsRule(), Code.REG_FORMAT),
            entry(new AlignmentPow2Rule(), Code.REG_FORMAT),
            // the regions in the address space
            entry(new OverlapRule(), Code.REG_FORMAT),
            entry(new UnplaceableRule(), Code.REG_FORMAT),
            entry(new NomapReusableRule()),
            entry(new CmaAlignmentRule(), Code.REG_FORMAT),
            entry(new PageAlignmentRule(), Code.REG_FORMAT),
            entry(new BoundaryAlignmentRule(), Code.REG_FORMAT),
            entry(new OutsideDramRule(), Code.REG_FORMAT),
            entry(new CmaZoneRule(), Code.REG_FORMAT),
            entry(new CmaDefaultTwiceRule()),
            entry(new FirmwareRegionRule(), Code.REG_FORMAT),
            entry(new UnitAddressRule(), Code.REG_FORMAT),
            entry(new MemoryRegionTargetRule(), Code.LABEL_NOT_FOUND, Code.PHANDLE_REFERENCES),
            entry(new TooManyRegionsRule()),
            entry(new CmdlineCmaRule()));

    public static final List<Rule> RULES = TABLE.stream().map(Entry::rule).toList();

    private RuleTable() {
    }

    private static Entry entry(Rule rule, Code... prerequisites) {
        return new Entry(rule, List.of(prerequisites));
    }

    public static Optional<Rule> byId(String id) {
        return RULES.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Whether some rule needs {@code id} not to have fired: then it runs even when it is off. */
    static boolean isPrerequisite(String id) {
        return TABLE.stream().anyMatch(e -> e.prerequisites().stream().anyMatch(c -> c.id().equals(id)));
    }
}
