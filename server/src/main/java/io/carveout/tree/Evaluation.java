package io.carveout.tree;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.syntax.SyntaxDiagnostic;
import io.carveout.syntax.SyntaxElement;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.SourceSpan;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Builds the merged tree the way dtc's parser and its fixup checks do, one parsed piece at
 * a time. Each body ({@code { ... }}) is first built as a node of its own, then merged
 * into the node it names, with dtc's rules: a property set again keeps its place and
 * takes the new value, a deleted property or node keeps its place and comes back when
 * defined again, labels are added in front.
 */
final class Evaluation {
    private final TreeOptions options;
    private final List<Finding> diagnostics = new ArrayList<>();
    private final List<MemReserve> memReserves = new ArrayList<>();
    private DtNode root;
    private boolean plugin;
    private boolean sawTree;
    private int nextFragment;
    private long nextPhandle = 1;
    private Set<Long> usedPhandles;

    // per unit
    private SyntaxTree tree;
    private Locator locator;
    private int unitIndex = -1;

    /** An earlier evaluation's properties to take (null: build them all), and where this one keeps its own (null: not kept). */
    private final PropertyMemo.Earlier earlier;
    private final PropertyMemo built;
    /** The phandles of one property's references, in order, while it is resolved. */
    private long[] resolvedCells = new long[16];
    /** Whether the earlier evaluation's properties are found by text: its pieces were parsed otherwise. */
    private final boolean byText;
    /** How many properties were built or taken so far, and how many /incbin/ values read: what a kept node holds. */
    private int propertiesMade;
    private int incbins;

    /**
     * @param earlier non-null: keep the properties built, and take those of its memo that still hold
     * @param pieces how many parsed pieces will be added: when not as many as the earlier
     *     evaluation read, its properties are found by the text of their statements
     */
    Evaluation(TreeOptions options, PropertyMemo.Earlier earlier, int pieces) {
        this.options = options;
        this.earlier = earlier == null || earlier.memo() == null ? null : earlier;
        this.built = earlier == null ? null : new PropertyMemo();
        this.byText = this.earlier != null && !this.earlier.memo().samePieces(pieces);
        if (built != null) {
            built.readPieces(pieces);
        }
    }

    PropertyMemo builtProperties() {
        return built;
    }

    void add(ParsedUnit unit) {
        tree = unit.tree();
        locator = unit.locator();
        unitIndex++;
        for (SyntaxDiagnostic d : tree.diagnostics()) {
            diagnostics.add(d.toFinding(locator.locate(d.start(), d.end())));
        }
        for (SyntaxElement element : tree.root().children()) {
            if (element instanceof SyntaxNode item) {
                topItem(item);
            }
        }
    }

    private void topItem(SyntaxNode item) {
        switch (item.kind()) {
            case VERSION -> {
            }
            case PLUGIN_HEADER -> plugin = true;
            case MEMRESERVE_ENTRY -> memReserve(item);
            case ROOT_NODE -> {
                SyntaxToken slash = item.childToken(SyntaxKind.SLASH).orElseThrow();
                item.childNode(SyntaxKind.NODE_BODY).ifPresent(body -> {
                    DtNode built = build(body, "", at(slash));
                    if (root == null) {
                        root = built;
                        root.indexAsRoot();
                    } else {
                        merge(root, built);
                    }
                });
                sawTree = true;
            }
            case OVERRIDE_NODE -> override(item);
            case DELETE_NODE_STMT -> {
                SyntaxToken ref = reference(item);
                if (ref == null) {
                    error(at(item), Code.SYNTAX, "/delete-node/ at the top level takes a reference: /delete-node/ &label;");
                    return;
                }
                DtNode target = References.byReference(root, referenceName(ref));
                if (target == null) {
                    error(at(ref), Code.LABEL_NOT_FOUND, "Label or path " + referenceName(ref) + " not found");
                } else {
                    target.delete(at(item));
                }
                sawTree = true;
            }
            case OMIT_DECL -> {
                SyntaxToken ref = reference(item);
                DtNode target = ref == null ? null : References.byReference(root, referenceName(ref));
                if (target == null) {
                    error(at(ref == null ? item : ref), Code.LABEL_NOT_FOUND,
                            "Label or path " + (ref == null ? "?" : referenceName(ref)) + " not found");
                } else {
                    target.markOmitIfNoRef();
                }
                sawTree = true;
            }
            case MACRO_STATEMENT -> unexpandedMacro(item);
            default -> {
                // ERROR nodes: their syntax diagnostics are already reported
            }
        }
    }

    private void memReserve(SyntaxNode item) {
        if (sawTree) {
            error(at(item), Code.SYNTAX, "/memreserve/ must come before the tree");
        }
        List<String> labels = labelNames(item);
        List<SyntaxNode> operands = operands(item);
        if (operands.size() != 2) {
            return;
        }
        long address = integerPrim(operands.get(0));
        long size = integerPrim(operands.get(1));
        memReserves.add(new MemReserve(labels, address, size, at(item)));
    }

    private void override(SyntaxNode item) {
        SyntaxToken ref = reference(item);
        Optional<SyntaxNode> body = item.childNode(SyntaxKind.NODE_BODY);
        if (ref == null || body.isEmpty()) {
            return;
        }
        String name = referenceName(ref);
        DtNode target = References.byReference(root, name);
        boolean pathRef = ref.kind() == SyntaxKind.PATH_REF;
        if (plugin && (pathRef || target == null)) {
            if (!name.startsWith("/") && name.contains("/")) {
                error(at(ref), Code.SYNTAX, "Label-relative reference " + name + " not supported in plugin");
            }
            addFragment(name, body.get(), at(ref));
            sawTree = true;
            return;
        }
        if (target == null) {
            error(at(ref), Code.LABEL_NOT_FOUND, "Label or path " + name + " not found");
            return;
        }
        // dtc: the labels before '&ref' are added to the target
        for (String label : labelNames(item)) {
            target.labels().add(label);
        }
        merge(target, build(body.get(), target.name(), at(ref)));
        sawTree = true;
    }

    // dtc's add_orphan_node: an overlay's '&label { }' whose label is in the base.
    private void addFragment(String reference, SyntaxNode body, SourceSpan origin) {
        if (root == null) {
            root = new DtNode("", origin);
            root.indexAsRoot();
        }
        DtNode fragment = new DtNode("fragment@" + nextFragment++, origin);
        if (reference.startsWith("/")) {
            byte[] path = reference.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            fragment.addProperty(new DtProperty("target-path",
                    new PropertyValue(List.of(new ValuePart.Text(path, origin))), origin));
        } else {
            fragment.addProperty(new DtProperty("target", new PropertyValue(List.of(new ValuePart.CellArray(32,
                    List.of(new Cell(0xffffffffL, origin, reference)), origin))), origin));
        }
        fragment.addChild(build(body, "__overlay__", origin));
        root.addChild(fragment);
    }

    // ---------------------------------------------------------------- building

    private DtNode build(SyntaxNode body, String name, SourceSpan origin) {
        return build(body, name, origin, null, null);
    }

    /**
     * @param opened the same node as the earlier evaluation kept it whole, taken apart, whose
     *     unchanged statements this one takes (null: none)
     * @param template where the statements' kept values go, to make the node's template (null: none kept)
     */
    private DtNode build(SyntaxNode body, String name, SourceSpan origin, Opened opened, DtNode template) {
        DtNode node = new DtNode(name, origin);
        for (SyntaxNode item : body.childNodes()) {
            switch (item.kind()) {
                case PROPERTY -> {
                    Made<DtProperty> made = property(item, opened);
                    node.addProperty(made.inTree());
                    if (template != null) {
                        template.propertySlots().add(made.kept());
                    }
                }
                case DELETE_PROPERTY_STMT -> item.childToken(SyntaxKind.NAME).ifPresent(n -> {
                    node.addProperty(DtProperty.deletion(propertyName(n), at(item)));
                    if (template != null) {
                        template.propertySlots().add(DtProperty.deletion(propertyName(n), at(item)));
                    }
                });
                case CHILD_NODE -> child(item, opened).ifPresent(made -> {
                    node.addChild(made.inTree());
                    if (template != null) {
                        template.childSlots().add(made.kept());
                    }
                });
                case DELETE_NODE_STMT -> {
                    Optional<SyntaxToken> childName = item.childToken(SyntaxKind.NAME);
                    if (childName.isPresent()) {
                        node.addChild(DtNode.deletion(text(childName.get()), at(item)));
                        if (template != null) {
                            template.childSlots().add(DtNode.deletion(text(childName.get()), at(item)));
                        }
                    } else {
                        error(at(item), Code.SYNTAX, "inside a node, /delete-node/ takes a node name");
                    }
                }
                case MACRO_STATEMENT -> unexpandedMacro(item);
                default -> {
                }
            }
        }
        return node;
    }

    /** What a statement made: the tree's own, and the one kept for the next evaluation (null: none kept). */
    private record Made<T>(T inTree, T kept) {
    }

    // A child node the earlier evaluation built from the same syntax, written at the place this
    // one is once moved, is that node moved, taken whole without walking its body; else it is
    // built, taking what it can of the node the earlier evaluation kept there, and kept for the next.
    private Optional<Made<DtNode>> child(SyntaxNode item, Opened opened) {
        Optional<SyntaxToken> name = item.childToken(SyntaxKind.NAME);
        Optional<SyntaxNode> body = item.childNode(SyntaxKind.NODE_BODY);
        if (name.isEmpty() || body.isEmpty()) {
            return Optional.empty();
        }
        Object shape = built == null ? null : item.shape();
        String nodeName = text(name.get());
        SourceSpan defined = at(name.get());
        if (shape == null) {
            return Optional.of(new Made<>(labelled(item, build(body.get(), nodeName, defined)), null));
        }
        SourceSpan origin = at(item);
        PropertyMemo.Built<DtNode> found = earlierBuilt(earlier == null ? null : earlier.memo().nodes, shape, item, origin);
        if (found == null && opened != null) {
            found = opened.node(item, defined);
        }
        if (found != null) {
            DtNode moved = found.value().movedView(earlier.move());
            built.nodes.record(shape, taken(found, moved, origin, item));
            propertiesMade += found.properties();
            return Optional.of(new Made<>(moved.builtCopy(), moved));
        }
        int reportedBefore = diagnostics.size();
        int propertiesBefore = propertiesMade;
        int incbinsBefore = incbins;
        DtNode template = labelled(item, new DtNode(nodeName, defined));
        DtNode child = labelled(item, build(body.get(), nodeName, defined, earlierNodeAt(defined, opened), template));
        if (incbins != incbinsBefore) {
            // an /incbin/ reads a file, which may change without an edit: never kept
            return Optional.of(new Made<>(child, null));
        }
        built.nodes.record(shape, new PropertyMemo.Built<>(template, origin, reportedSince(reportedBefore),
                propertiesMade - propertiesBefore, unitIndex, tree, item));
        return Optional.of(new Made<>(child, template));
    }

    // The child's labels and /omit-if-no-ref/, written before its name.
    private DtNode labelled(SyntaxNode item, DtNode child) {
        // "l1: l2: node" reduces from the inside: l2 is added first, then l1 in front of it.
        List<String> labels = labelNames(item);
        for (int i = labels.size() - 1; i >= 0; i--) {
            child.labels().add(labels.get(i));
        }
        if (item.childToken(SyntaxKind.OMIT_IF_NO_REF).isPresent()) {
            child.markOmitIfNoRef();
        }
        return child;
    }

    // A property the earlier evaluation built from the same syntax, written at the place this
    // one is once moved, is that property moved; else it is built, and kept for the next.
    private Made<DtProperty> property(SyntaxNode item, Opened opened) {
        propertiesMade++;
        Object shape = built == null ? null : item.shape();
        if (shape == null) {
            return new Made<>(buildProperty(item), null);
        }
        SourceSpan origin = at(item);
        PropertyMemo.Built<DtProperty> found = earlierBuilt(earlier == null ? null : earlier.memo().properties, shape,
                item, origin);
        if (found == null && opened != null) {
            found = opened.property(item, origin);
        }
        if (found != null) {
            DtProperty moved = found.value().movedBy(earlier.move());
            built.properties.record(shape, taken(found, moved, origin, item));
            return new Made<>(moved.copy(), moved);
        }
        int reportedBefore = diagnostics.size();
        int incbinsBefore = incbins;
        DtProperty property = buildProperty(item);
        if (incbins != incbinsBefore) {
            return new Made<>(property, null); // (never kept: see child)
        }
        DtProperty kept = property.copy();
        built.properties.record(shape, new PropertyMemo.Built<>(kept, origin, reportedSince(reportedBefore), 1,
                unitIndex, tree, item));
        return new Made<>(property, kept);
    }

    // What the earlier evaluation built from the statement's syntax (or, its pieces parsed
    // otherwise, from its text) at the place the statement is once moved; null when none.
    private <T> PropertyMemo.Built<T> earlierBuilt(PropertyMemo.Shelf<T> shelf, Object shape, SyntaxNode item,
            SourceSpan origin) {
        if (shelf == null) {
            return null;
        }
        return byText ? shelf.findByText(text(item), origin, earlier.move())
                : shelf.find(shape, unitIndex, origin, earlier.move());
    }

    // Reports what building a taken statement reported, moved, and counts its properties taken:
    // what this evaluation keeps of it.
    private <T> PropertyMemo.Built<T> taken(PropertyMemo.Built<T> found, T moved, SourceSpan origin, SyntaxNode item) {
        List<Finding> reported = List.of();
        if (!found.diagnostics().isEmpty()) {
            reported = new ArrayList<>(found.diagnostics().size());
            for (Finding d : found.diagnostics()) {
                reported.add(d.withWhere(earlier.move().apply(d.where())));
            }
            diagnostics.addAll(reported);
        }
        built.taken(found.properties());
        return new PropertyMemo.Built<>(moved, origin, reported, found.properties(), unitIndex, tree, item);
    }

    private List<Finding> reportedSince(int reportedBefore) {
        return reportedBefore == diagnostics.size() ? List.of()
                : List.copyOf(diagnostics.subList(reportedBefore, diagnostics.size()));
    }

    // ------------------------------------------------------ nodes kept whole, opened

    /** The earlier evaluation's nodes kept whole, by where their names were written once moved: made when first asked. */
    private Map<SourceSpan, List<PropertyMemo.Built<DtNode>>> earlierNodesByName;

    /**
     * The node whose name is written at {@code defined} as the earlier evaluation kept it, taken
     * apart; null when none was kept there, or what building it reported would have to be told
     * apart among its statements. A key typed in a node that the evaluation before took whole
     * (the keys before were typed elsewhere) walks its body: this finds what it holds unchanged.
     */
    private Opened earlierNodeAt(SourceSpan defined, Opened parent) {
        if (earlier == null) {
            return null;
        }
        if (parent != null) {
            return parent.nodeAt(defined);
        }
        if (earlierNodesByName == null) {
            earlierNodesByName = new HashMap<>();
            for (PropertyMemo.Built<DtNode> b : earlier.memo().nodes.all()) {
                if (b.value() != null && b.diagnostics().isEmpty() && b.value().definedAt() != null) {
                    earlierNodesByName.computeIfAbsent(earlier.move().apply(b.value().definedAt()),
                            d -> new ArrayList<>(1)).add(b);
                }
            }
        }
        for (PropertyMemo.Built<DtNode> b : earlierNodesByName.getOrDefault(defined, List.of())) {
            if (byText || b.unit() == unitIndex) {
                return open(b.value(), b.syntax(), b.source());
            }
        }
        return null;
    }

    /**
     * A node template of the earlier evaluation with each slot paired with the statement that
     * made it: its properties and children are taken like the memo's when a statement of the same
     * syntax (or text) is written at their place once moved. Only a template whose build reported
     * nothing is opened, so that what is taken reports nothing either.
     */
    private final class Opened {
        private final Map<Object, Object> byShape = new IdentityHashMap<>();
        /** By the text of the statement: made on the first search by text. */
        private final Map<String, List<Object>> byStatementText = new HashMap<>();
        private final List<SyntaxNode> statements;
        private final List<Object> slots;
        private final SyntaxTree source;
        /** How the places in the slots move to where the earlier evaluation's are (null: they are there). */
        private final UnaryOperator<SourceSpan> pending;

        private Opened(List<SyntaxNode> statements, List<Object> slots, SyntaxTree source,
                UnaryOperator<SourceSpan> pending) {
            this.statements = statements;
            this.slots = slots;
            this.source = source;
            this.pending = pending;
            for (int i = 0; i < statements.size(); i++) {
                Object shape = statements.get(i).shape();
                if (shape != null) {
                    byShape.merge(shape, slots.get(i), (a, b) -> AMBIGUOUS);
                }
            }
        }

        private static final Object AMBIGUOUS = new Object();

        PropertyMemo.Built<DtProperty> property(SyntaxNode item, SourceSpan origin) {
            Object slot = slotFor(item);
            if (!(slot instanceof DtProperty kept)) {
                return null;
            }
            DtProperty moved = pending == null ? kept : kept.movedBy(pending);
            return origin.equals(earlier.move().apply(moved.origin()))
                    ? new PropertyMemo.Built<>(moved, origin, List.of(), 1, unitIndex, source, null) : null;
        }

        PropertyMemo.Built<DtNode> node(SyntaxNode item, SourceSpan defined) {
            DtNode kept = slotFor(item) instanceof DtNode slot ? viewAt(slot, defined) : null;
            return kept == null ? null
                    : new PropertyMemo.Built<>(kept, at(item), List.of(), kept.propertyCount(), unitIndex, source, null);
        }

        Opened nodeAt(SourceSpan defined) {
            for (int i = 0; i < slots.size(); i++) {
                DtNode kept = slots.get(i) instanceof DtNode slot ? viewAt(slot, defined) : null;
                if (kept != null) {
                    return open(kept, statements.get(i), source);
                }
            }
            return null;
        }

        // The child in a slot where the earlier evaluation's places are, when its name is written at `defined` once moved.
        private DtNode viewAt(DtNode slot, SourceSpan defined) {
            if (slot.isDeleted()) {
                return null;
            }
            SourceSpan at = slot.definedAt();
            if (at == null || !defined.equals(earlier.move().apply(pending == null ? at : pending.apply(at)))) {
                return null;
            }
            return pending == null ? slot : slot.movedView(pending);
        }

        private Object slotFor(SyntaxNode item) {
            if (!byText) {
                return item.shape() == null ? null : byShape.get(item.shape());
            }
            if (byStatementText.isEmpty()) {
                for (int i = 0; i < statements.size(); i++) {
                    byStatementText.computeIfAbsent(source.text(statements.get(i)), t -> new ArrayList<>(1))
                            .add(slots.get(i));
                }
            }
            List<Object> same = byStatementText.getOrDefault(text(item), List.of());
            return same.size() == 1 ? same.get(0) : null;
        }
    }

    // The template's property and child slots beside the statements of its body that made them
    // (as build makes them: one slot per property, named deletion and child); null when they do
    // not pair up.
    private Opened open(DtNode template, SyntaxNode statement, SyntaxTree source) {
        Optional<SyntaxNode> body = statement.childNode(SyntaxKind.NODE_BODY);
        if (body.isEmpty()) {
            return null;
        }
        List<SyntaxNode> statements = new ArrayList<>();
        List<Object> slots = new ArrayList<>();
        List<DtProperty> properties = template.propertySlots();
        List<DtNode> children = template.childSlots();
        int p = 0;
        int c = 0;
        for (SyntaxNode item : body.get().childNodes()) {
            switch (item.kind()) {
                case PROPERTY -> {
                    if (p >= properties.size()) {
                        return null;
                    }
                    statements.add(item);
                    slots.add(properties.get(p++));
                }
                case DELETE_PROPERTY_STMT -> p += item.childToken(SyntaxKind.NAME).isPresent() ? 1 : 0;
                case CHILD_NODE -> {
                    if (item.childToken(SyntaxKind.NAME).isPresent() && item.childNode(SyntaxKind.NODE_BODY).isPresent()) {
                        if (c >= children.size()) {
                            return null;
                        }
                        statements.add(item);
                        slots.add(children.get(c++));
                    }
                }
                case DELETE_NODE_STMT -> c += item.childToken(SyntaxKind.NAME).isPresent() ? 1 : 0;
                default -> {
                }
            }
        }
        return p == properties.size() && c == children.size()
                ? new Opened(statements, slots, source, template.unmoved()) : null;
    }

    private DtProperty buildProperty(SyntaxNode item) {
        SyntaxToken name = item.childToken(SyntaxKind.NAME).orElseThrow();
        List<ValuePart> parts = new ArrayList<>();
        for (SyntaxNode value : item.childNodes(SyntaxKind.PROPERTY_VALUE)) {
            for (SyntaxNode piece : value.childNodes()) {
                valuePart(piece).ifPresent(parts::add);
            }
        }
        DtProperty property = new DtProperty(propertyName(name), new PropertyValue(parts), at(item));
        List<String> labels = labelNames(item);
        for (int i = labels.size() - 1; i >= 0; i--) {
            property.labels().add(labels.get(i));
        }
        return property;
    }

    private Optional<ValuePart> valuePart(SyntaxNode piece) {
        SourceSpan origin = at(piece);
        switch (piece.kind()) {
            case STRING_VALUE -> {
                SyntaxToken string = piece.childToken(SyntaxKind.STRING).orElseThrow();
                return Optional.of(new ValuePart.Text(Literals.string(text(string)), origin));
            }
            case CELL_LIST -> {
                return Optional.of(cellArray(piece));
            }
            case BYTE_STRING -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                for (SyntaxToken word : piece.childTokens(SyntaxKind.BYTE_WORD)) {
                    String hex = text(word);
                    if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                        error(at(word), Code.SYNTAX, "unexpected '" + hex + "' in a byte string (an undefined macro?)");
                        continue;
                    }
                    for (int i = 0; i + 1 < hex.length(); i += 2) {
                        bytes.write(Integer.parseInt(hex.substring(i, i + 2), 16));
                    }
                }
                return Optional.of(new ValuePart.Bytes(bytes.toByteArray(), origin));
            }
            case REFERENCE_VALUE -> {
                SyntaxToken ref = reference(piece);
                return ref == null ? Optional.empty()
                        : Optional.of(new ValuePart.PathReference(referenceName(ref), null, origin));
            }
            case INCBIN_VALUE -> {
                return incbin(piece);
            }
            case MACRO_VALUE -> {
                unexpandedMacro(piece);
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private ValuePart cellArray(SyntaxNode list) {
        int bits = 32;
        boolean afterLt = false;
        List<Cell> cells = new ArrayList<>();
        for (SyntaxElement element : list.children()) {
            if (element instanceof SyntaxToken token) {
                switch (token.kind()) {
                    case LT -> afterLt = true;
                    case REF, PATH_REF -> {
                        if (!afterLt) {
                            break;
                        }
                        if (bits != 32) {
                            error(at(token), Code.SYNTAX, "References are only allowed in arrays with 32-bit elements.");
                        }
                        long placeholder = bits == 64 ? -1L : (1L << bits) - 1;
                        cells.add(new Cell(placeholder, at(token), referenceName(token)));
                    }
                    default -> {
                    }
                }
            } else if (element instanceof SyntaxNode node) {
                if (!afterLt) {
                    bits = bitsOf(node);
                    continue;
                }
                long value = integerPrim(node);
                if (bits < 64) {
                    long mask = (1L << bits) - 1;
                    if (Long.compareUnsigned(value, mask) > 0 && (value | mask) != -1L) {
                        warning(at(node), Code.VALUE_TRUNCATED, String.format(
                                "Value 0x%016x truncated to 0x%0" + (bits / 4) + "x", value, value & mask));
                    }
                    value &= mask;
                }
                cells.add(new Cell(value, at(node), null));
            }
        }
        return new ValuePart.CellArray(bits, cells, at(list));
    }

    private int bitsOf(SyntaxNode operand) {
        long bits = integerPrim(operand);
        if (bits == 8 || bits == 16 || bits == 32 || bits == 64) {
            return (int) bits;
        }
        error(at(operand), Code.SYNTAX, "Array elements must be 8, 16, 32 or 64-bits");
        return 32;
    }

    private Optional<ValuePart> incbin(SyntaxNode piece) {
        SyntaxToken file = piece.childToken(SyntaxKind.STRING).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        String name = new String(Literals.string(text(file)), java.nio.charset.StandardCharsets.UTF_8);
        List<SyntaxNode> range = operands(piece);
        long offset = 0;
        long length = -1;
        if (range.size() == 2) {
            offset = Math.max(0, new Expression(this).value(range.get(0)));
            length = Math.max(0, new Expression(this).value(range.get(1)));
        }
        incbins++;
        TreeOptions.Binary content = options.binaryFiles().read(name, at(file), offset, length);
        if (content.bytes().isEmpty()) {
            error(at(file), Code.INCBIN, "Couldn't open \"" + name + "\": " + content.refusal().orElse("no such file"));
            return Optional.empty();
        }
        byte[] bytes = content.bytes().get();
        return Optional.of(new ValuePart.Bytes(bytes, at(piece)));
    }

    long integerPrim(SyntaxNode operand) {
        return new Expression(this).value(operand);
    }

    // ----------------------------------------------------------------- merging

    /** dtc's merge_nodes. */
    private void merge(DtNode old, DtNode newer) {
        old.revive();
        for (String label : newer.labels().allNames()) {
            old.labels().add(label);
        }
        for (DtProperty property : newer.propertySlots()) {
            DtProperty existing = firstSlot(old.propertySlots(), property.name());
            if (property.isDeleted()) {
                if (existing != null) {
                    existing.delete(property.deletedAt());
                }
            } else if (existing != null) {
                existing.replaceWith(property);
            } else {
                old.addProperty(property);
            }
        }
        for (DtNode child : newer.childSlots()) {
            DtNode existing = firstChild(old, child.name());
            if (child.isDeleted()) {
                if (existing != null) {
                    existing.delete(child.deletedAt());
                }
            } else if (existing != null) {
                merge(existing, child);
            } else {
                old.addChild(child);
            }
        }
        old.addDefinitions(newer.definitions());
    }

    private static DtProperty firstSlot(List<DtProperty> slots, String name) {
        for (DtProperty slot : slots) {
            if (slot.name().equals(name)) {
                return slot;
            }
        }
        return null;
    }

    private static DtNode firstChild(DtNode parent, String name) {
        for (DtNode slot : parent.childSlots()) {
            if (slot.name().equals(name)) {
                return slot;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- finishing

    DeviceTree finish() {
        if (root == null) {
            root = new DtNode("", null);
            root.indexAsRoot();
        }
        // The passes below neither add nor remove nodes until omitUnreferenced: they go over
        // one list of the live nodes in pre-order, made once, rather than each walking the tree
        // (eight walks of a board's thousands of nodes were a sixth of evaluating it at each key).
        List<DtNode> live = new ArrayList<>();
        References.forEachLive(root, live::add);
        for (DtNode node : live) {
            dropRedundantNameProperty(node);
        }
        for (DtNode node : live) {
            assignExplicitPhandles(node);
        }
        Map<String, DtNode> labels = new HashMap<>();
        for (DtNode node : live) {
            for (String label : node.labels().names()) {
                labels.putIfAbsent(label, node);
            }
        }
        // dtc resolves every phandle reference, then every path reference: their errors keep that order
        List<Finding> pathErrors = new ArrayList<>();
        for (DtNode node : live) {
            resolveReferences(node, labels, pathErrors);
        }
        diagnostics.addAll(pathErrors);
        if (omitUnreferenced(live)) {
            live.clear();
            References.forEachLive(root, live::add);
        }
        if (options.symbols()) {
            for (DtNode node : live) {
                if (!node.labels().isEmpty()) {
                    phandleOf(node);
                }
            }
        }
        checkDuplicateLabels(live);
        return new DeviceTree(root, memReserves, plugin, diagnostics);
    }

    // dtc's name_properties check: a "name" property equal to the node's base name is
    // redundant and dropped; any other value is an error.
    private void dropRedundantNameProperty(DtNode node) {
        DtProperty name = firstSlot(node.propertySlots(), "name");
        if (name == null) {
            return;
        }
        byte[] expected = (node.baseName() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(name.bytes(), expected)) {
            node.propertySlots().remove(name);
        } else if (!name.isDeleted()) {
            error(name.origin(), Code.NAME_PROPERTIES, "\"name\" property is incorrect (instead of base node name "
                    + node.baseName() + ")");
        }
    }

    private static final List<String> EXPLICIT_PHANDLES = List.of("linux,phandle", "phandle");

    private void assignExplicitPhandles(DtNode node) {
        for (String name : EXPLICIT_PHANDLES) {
            node.property(name).ifPresent(p -> {
                Optional<List<Cell>> cells = p.valueUnmoved().cells32();
                if (cells.isEmpty() || cells.get().size() != 1) {
                    error(p.origin(), Code.EXPLICIT_PHANDLES, name + " property must be a single cell");
                    return;
                }
                Cell cell = cells.get().get(0);
                if (cell.isReference()) {
                    return; // "phandle = <&self>": allocated with the references
                }
                long value = cell.value();
                if (value == 0 || value == 0xffffffffL) {
                    error(p.origin(), Code.EXPLICIT_PHANDLES, String.format("bad value (0x%x) in %s property", value, name));
                } else if (node.phandle() != 0 && node.phandle() != value) {
                    error(p.origin(), Code.EXPLICIT_PHANDLES, node.path() + " has mismatching phandle properties");
                } else {
                    node.setPhandle(value);
                }
            });
        }
    }

    // A node's phandle references (dtc's fixup_phandle_references) and path references
    // (fixup_path_references), the errors of the second kept apart to follow all of the first.
    private void resolveReferences(DtNode node, Map<String, DtNode> labels, List<Finding> pathErrors) {
        List<DtProperty> slots = node.propertySlots();
        // Loops, not streams: this looks at every cell of the board at each compile. By index:
        // a reference to the node itself gives it a phandle property while this goes on.
        for (int i = 0; i < slots.size(); i++) {
            DtProperty property = slots.get(i);
            if (property.isDeleted()) {
                continue;
            }
            if (hasPhandleReference(property)) {
                resolvePhandleReferences(property, labels);
            }
            if (hasPathReference(property)) {
                resolvePathReferences(property, labels, pathErrors);
            }
        }
    }

    private void resolvePhandleReferences(DtProperty property, Map<String, DtNode> labels) {
        PropertyValue unresolved = property.valueUnmoved();
        // Every reference is looked up in order, as dtc does (the phandles it allocates follow
        // that order), its value kept in resolvedCells, before any value is made.
        int count = 0;
        for (ValuePart part : unresolved.parts()) {
            if (!(part instanceof ValuePart.CellArray array)) {
                continue;
            }
            for (Cell cell : array.cells()) {
                if (!cell.isReference()) {
                    continue;
                }
                DtNode target = References.byReference(root, cell.reference(), labels);
                long value;
                if (target == null) {
                    if (!plugin) {
                        error(property.placed(cell.origin()), Code.PHANDLE_REFERENCES,
                                "Reference to non-existent node or label \"" + cell.reference() + "\"");
                    }
                    value = 0xffffffffL;
                } else {
                    value = phandleOf(target);
                    target.markReferenced();
                }
                if (count == resolvedCells.length) {
                    resolvedCells = java.util.Arrays.copyOf(resolvedCells, count * 2);
                }
                resolvedCells[count++] = value;
            }
        }
        PropertyValue before = earlier == null ? null : earlier.memo().resolved(unresolved);
        boolean taken = before != null && holdsResolvedCells(before, count);
        PropertyValue resolved = taken ? before : withResolvedCells(unresolved);
        if (earlier != null) {
            built.resolved(unresolved, resolved, taken);
        }
        property.setValueUnmoved(resolved);
    }

    // Whether a value resolved from the same one by the evaluation before holds the same phandles:
    // taken as it is, rather than made again at each key for each of the board's thousands of references.
    private boolean holdsResolvedCells(PropertyValue resolved, int count) {
        int at = 0;
        for (ValuePart part : resolved.parts()) {
            if (part instanceof ValuePart.CellArray array) {
                for (Cell cell : array.cells()) {
                    if (cell.isReference() && (at >= count || cell.value() != resolvedCells[at++])) {
                        return false;
                    }
                }
            }
        }
        return at == count;
    }

    private PropertyValue withResolvedCells(PropertyValue unresolved) {
        List<ValuePart> parts = new ArrayList<>(unresolved.parts().size());
        int at = 0;
        for (ValuePart part : unresolved.parts()) {
            if (part instanceof ValuePart.CellArray array && hasReference(array)) {
                List<Cell> cells = new ArrayList<>(array.cells().size());
                for (Cell cell : array.cells()) {
                    cells.add(cell.isReference() ? cell.withValue(resolvedCells[at++]) : cell);
                }
                parts.add(new ValuePart.CellArray(array.bits(), cells, array.origin()));
            } else {
                parts.add(part);
            }
        }
        return new PropertyValue(parts);
    }

    private static boolean hasPhandleReference(DtProperty property) {
        return property.valueUnmoved().has(PropertyValue.PHANDLE_REFERENCES);
    }

    private static boolean hasReference(ValuePart.CellArray array) {
        for (Cell cell : array.cells()) {
            if (cell.isReference()) {
                return true;
            }
        }
        return false;
    }

    private void resolvePathReferences(DtProperty property, Map<String, DtNode> labels, List<Finding> errors) {
        List<ValuePart> parts = new ArrayList<>();
        for (ValuePart part : property.valueUnmoved().parts()) {
            if (part instanceof ValuePart.PathReference ref) {
                DtNode target = References.byReference(root, ref.reference(), labels);
                if (target == null) {
                    errors.add(new Finding(property.placed(ref.origin()), Severity.ERROR, Code.PATH_REFERENCES.id(),
                            "Reference to non-existent node or label \"" + ref.reference() + "\""));
                    parts.add(ref);
                } else {
                    target.markReferenced();
                    parts.add(new ValuePart.PathReference(ref.reference(), target.path(), ref.origin()));
                }
            } else {
                parts.add(part);
            }
        }
        property.setValueUnmoved(new PropertyValue(parts));
    }

    private static boolean hasPathReference(DtProperty property) {
        return property.valueUnmoved().has(PropertyValue.PATH_REFERENCES);
    }

    /** dtc's get_node_phandle: the explicit phandle, or the lowest free number, added as a property. */
    private long phandleOf(DtNode node) {
        if (node.phandle() != 0 && node.phandle() != 0xffffffffL) {
            return node.phandle();
        }
        if (usedPhandles == null) {
            // phandles change only here once the tree is finishing: collect them once, then keep up
            usedPhandles = new HashSet<>();
            References.forEachLive(root, n -> usedPhandles.add(n.phandle()));
        }
        while (usedPhandles.contains(nextPhandle)) {
            nextPhandle++;
        }
        node.setPhandle(nextPhandle);
        usedPhandles.add(nextPhandle);
        if (node.property("phandle").isEmpty()) {
            node.addProperty(new DtProperty("phandle", new PropertyValue(List.of(new ValuePart.CellArray(32,
                    List.of(new Cell(nextPhandle, null, null)), null))), null));
        }
        return nextPhandle;
    }

    /** Deletes the /omit-if-no-ref/ nodes nothing references; true when there were some. */
    private boolean omitUnreferenced(List<DtNode> live) {
        List<DtNode> omitted = new ArrayList<>();
        for (DtNode node : live) {
            if (node.isOmitIfNoRef() && !node.isReferenced() && !(options.symbols() && !node.labels().isEmpty())) {
                omitted.add(node);
            }
        }
        for (DtNode node : omitted) {
            node.delete(null);
        }
        return !omitted.isEmpty();
    }

    private void checkDuplicateLabels(List<DtNode> live) {
        Map<String, DtNode> seen = new HashMap<>();
        for (DtNode node : live) {
            for (String label : node.labels().names()) {
                DtNode first = seen.putIfAbsent(label, node);
                if (first != null && first != node) {
                    SourceSpan where = node.definitions().isEmpty() ? null : node.definitions().get(0);
                    error(where, Code.DUPLICATE_LABEL, "Duplicate label '" + label + "' on " + node.path()
                            + " and " + first.path());
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    void error(SourceSpan where, Code code, String message) {
        diagnostics.add(new Finding(where, Severity.ERROR, code.id(), message));
    }

    void warning(SourceSpan where, Code code, String message) {
        diagnostics.add(new Finding(where, Severity.WARNING, code.id(), message));
    }

    private void unexpandedMacro(SyntaxNode item) {
        String name = item.children().stream().filter(e -> e instanceof SyntaxToken t && !t.isTrivia())
                .findFirst().map(this::text).orElse("?");
        error(at(item), Code.UNDEFINED_MACRO, "Unexpected '" + name + "': a macro that is not defined?");
    }

    SourceSpan at(SyntaxElement element) {
        return locator.locate(element.start(), element.end());
    }

    String text(SyntaxElement element) {
        return tree.text(element);
    }

    private List<String> labelNames(SyntaxNode item) {
        List<String> names = new ArrayList<>();
        for (SyntaxToken label : item.childTokens(SyntaxKind.LABEL_DEF)) {
            String t = text(label);
            names.add(t.substring(0, t.length() - 1));
        }
        return names;
    }

    private static SyntaxToken reference(SyntaxNode item) {
        return item.childToken(SyntaxKind.REF).or(() -> item.childToken(SyntaxKind.PATH_REF)).orElse(null);
    }

    private String referenceName(SyntaxToken ref) {
        String t = text(ref);
        return ref.kind() == SyntaxKind.PATH_REF ? t.substring(2, t.length() - 1) : t.substring(1);
    }

    private String propertyName(SyntaxToken name) {
        String t = text(name);
        return t.startsWith("\\") ? t.substring(1) : t;
    }

    private static List<SyntaxNode> operands(SyntaxNode item) {
        List<SyntaxNode> operands = new ArrayList<>();
        for (SyntaxNode child : item.childNodes()) {
            if (Expression.isOperand(child.kind())) {
                operands.add(child);
            }
        }
        return operands;
    }
}
