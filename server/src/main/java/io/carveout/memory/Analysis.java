package io.carveout.memory;

import io.carveout.finding.Related;
import io.carveout.preprocess.SourceProvider;
import io.carveout.text.SourceSpan;
import io.carveout.tree.DeviceTree;
import io.carveout.tree.DtNode;
import io.carveout.tree.DtProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the rules read for one merged tree: the tree, its memory map laid out, the
 * settings, the firmware baseline, the texts (for fixes in the user's style) and which file
 * is being checked. Built once; the rules only read it.
 */
public final class Analysis {
    private final DeviceTree tree;
    private final MemoryMap map;
    private final Layout layout;
    private final CheckSettings settings;
    private final Baseline baseline;
    private final Rewrite rewrite;
    private final SourceProvider sources;
    private final Path checkedFile;
    private final boolean fixes;

    public Analysis(DeviceTree tree, CheckSettings settings, Baseline baseline, SourceProvider sources,
            Path checkedFile) {
        this(tree, settings, baseline, sources, checkedFile, true);
    }

    /**
     * @param fixes whether the rules work out their fixes: the editor publishes findings after
     *     every keystroke but asks for fixes only when a code action does, and moving the regions
     *     above one is most of a rule's work
     */
    public Analysis(DeviceTree tree, CheckSettings settings, Baseline baseline, SourceProvider sources,
            Path checkedFile, boolean fixes) {
        this.tree = tree;
        this.map = MemoryMap.of(tree);
        this.layout = Layout.of(map, settings);
        this.settings = settings;
        this.baseline = baseline;
        this.rewrite = new Rewrite(sources);
        this.sources = sources;
        this.checkedFile = checkedFile;
        this.fixes = fixes;
    }

    /** Whether the rules work out fixes in this analysis. */
    public boolean fixes() {
        return fixes;
    }

    public DeviceTree tree() {
        return tree;
    }

    public MemoryMap map() {
        return map;
    }

    public Layout layout() {
        return layout;
    }

    public CheckSettings settings() {
        return settings;
    }

    public Baseline baseline() {
        return baseline;
    }

    public SourceProvider sources() {
        return sources;
    }

    public Rewrite rewrite() {
        return rewrite;
    }

    public Relocation relocation() {
        return new Relocation(this);
    }

    /** The file the user asked to check (a board, a .dtsi, an overlay). */
    public Path checkedFile() {
        return checkedFile;
    }

    public List<ReservedRegion> regions() {
        return map.regions();
    }

    public Optional<DtNode> container() {
        return map.reservedMemory().map(MemoryMap.ReservedMemoryNode::node);
    }

    /** #address-cells of /reserved-memory, as its children are read. */
    public int addressCells() {
        return map.reservedMemory().flatMap(MemoryMap.ReservedMemoryNode::addressCells).orElse(2L).intValue();
    }

    /** #size-cells of /reserved-memory, as its children are read. */
    public int sizeCells() {
        return map.reservedMemory().flatMap(MemoryMap.ReservedMemoryNode::sizeCells).orElse(1L).intValue();
    }

    /** Where a property of a node was set last, or the node's name when it has no such property. */
    public SourceSpan at(DtNode node, String property) {
        return node.property(property).map(DtProperty::origin).filter(s -> s != null).orElseGet(() -> at(node));
    }

    /** Where a node was first defined (its name), or the nearest ancestor that has a place. */
    public SourceSpan at(DtNode node) {
        for (DtNode n = node; n != null; n = n.parent().orElse(null)) {
            if (!n.definitions().isEmpty()) {
                return n.definitions().get(0);
            }
        }
        return new SourceSpan(checkedFile, 0, 0);
    }

    /** Where a diagnostic about a region goes: its reg, else its size, else its name. */
    public SourceSpan at(ReservedRegion region) {
        return region.regOrigin().or(region::sizeOrigin).filter(s -> s != null).orElseGet(() -> at(region.node()));
    }

    /** The related note that points at where a region's range is set, and at the original when overridden. */
    public List<Related> definedAt(Region region, String what) {
        if (region instanceof MemReserveEntry m) {
            return List.of(new Related(m.origin(), what));
        }
        ReservedRegion r = region instanceof Carveout c ? c.region() : ((DynamicRegion) region).region();
        DtProperty property = r.node().property(region instanceof Carveout ? "reg" : "size").orElse(null);
        SourceSpan inForce = at(r);
        List<Related> out = new java.util.ArrayList<>();
        out.add(new Related(inForce, what));
        if (property != null && property.assignments().size() > 1 && property.assignments().get(0) != null
                && !property.assignments().get(0).equals(inForce)) {
            out.add(new Related(property.assignments().get(0), r.name() + " is first defined here"));
        }
        return out;
    }

    /** The file name of a span, for messages ("soc.dtsi"). */
    public static String fileName(SourceSpan span) {
        return span == null || span.file().getFileName() == null ? "?" : span.file().getFileName().toString();
    }
}
