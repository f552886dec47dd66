package io.carveout.memory.check;

import io.carveout.memory.Rule;
import java.util.List;
import java.util.Optional;

/**
 * The one table of checks, in the order of RULES.md: every rule id, its default severity and
 * the class that implements it. Settings, {@code --rule} and SARIF read it from here.
 */
public final class RuleTable {
    public static final List<Rule> RULES = List.of(
            // the /reserved-memory container and the shape of each node
            new RmemFormatRule(),
            new RegFormatRule(),
            new MultipleRegRule(),
            new RegAndSizeRule(),
            new NoRegNoSizeRule(),
            new ZeroSizeRule(),
            new StaticDynamicPropsRule(),
            new AlignmentCellsRule(),
            new AlignmentPow2Rule(),
            // the regions in the address space
            new OverlapRule(),
            new UnplaceableRule(),
            new NomapReusableRule(),
            new CmaAlignmentRule(),
            new PageAlignmentRule(),
            new BoundaryAlignmentRule(),
            new OutsideDramRule(),
            new CmaZoneRule(),
            new CmaDefaultTwiceRule(),
            new FirmwareRegionRule(),
            new UnitAddressRule(),
            new MemoryRegionTargetRule(),
            new TooManyRegionsRule(),
            new CmdlineCmaRule());

    private RuleTable() {
    }

    public static Optional<Rule> byId(String id) {
        return RULES.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
