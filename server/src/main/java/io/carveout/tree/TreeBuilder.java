package io.carveout.tree;

import io.carveout.finding.Finding;
import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a merged tree from a tree already merged elsewhere: a flattened devicetree (a
 * {@code .dtb}, or the blob a running system was booted with) holds the nodes and property
 * bytes as dtc left them, with no sources behind them. The places given are places in the blob.
 */
public final class TreeBuilder {
    private final DtNode root;
    private final List<MemReserve> memReserves = new ArrayList<>();

    public TreeBuilder(SourceSpan rootAt) {
        root = new DtNode("", rootAt);
    }

    public DtNode root() {
        return root;
    }

    /** A new last child of {@code parent}. */
    public DtNode child(DtNode parent, String name, SourceSpan at) {
        DtNode child = new DtNode(name, at);
        parent.addChild(child);
        return child;
    }

    /** A property with the bytes the blob holds; {@code phandle} gives the node its phandle as dtc does. */
    public void property(DtNode node, String name, byte[] bytes, SourceSpan at) {
        PropertyValue value = bytes.length == 0 ? PropertyValue.EMPTY
                : new PropertyValue(List.of(new ValuePart.Bytes(bytes, at)));
        node.addProperty(new DtProperty(name, value, at));
        if ((name.equals("phandle") || (name.equals("linux,phandle") && node.phandle() == 0)) && bytes.length == 4) {
            node.setPhandle(value.asCells()[0]);
        }
    }

    /** A label of a node, after those it already has (the order of /__symbols__). */
    public void label(DtNode node, String label) {
        node.labels().append(label);
    }

    public void memReserve(long address, long size, SourceSpan at) {
        memReserves.add(new MemReserve(List.of(), address, size, at));
    }

    public DeviceTree finish(List<Finding> diagnostics) {
        root.indexAsRoot();
        return new DeviceTree(root, memReserves, false, diagnostics);
    }
}
