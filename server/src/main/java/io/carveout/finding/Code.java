package io.carveout.finding;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every code a finding can carry, with the layers that emit it and one line saying what it means:
 * the one table a code must be in before any layer may report it. A code is spelt as the command
 * line prints it and as settings, {@code --rule} and {@code carveout-ignore} name it: the
 * constant's name in lower case with dashes ({@code MISSING_INCLUDE} is {@code missing-include}).
 * The tree's codes are dtc's check names; the memory codes are the ids of RULES.md, whose
 * implementations and default levels the memory layer's rule table holds.
 */
public enum Code {
    // the parser, and dtc's parser over the preprocessed text
    SYNTAX("text that is not devicetree source: what the parser expected and found", Layer.SYNTAX, Layer.TREE),

    // the preprocessor, as cpp says it
    MISSING_INCLUDE("an #include names a file that no include path holds", Layer.PREPROCESS),
    INCLUDE_CYCLE("a file includes itself, directly or through others", Layer.PREPROCESS),
    INCLUDE_DEPTH("#include nested deeper than cpp's 200 levels", Layer.PREPROCESS),
    BAD_INCLUDE("an #include without a file name, or one where no file may start", Layer.PREPROCESS),
    ERROR_DIRECTIVE("an #error line reached: cpp stops the build", Layer.PREPROCESS),
    WARNING_DIRECTIVE("a #warning line reached", Layer.PREPROCESS),
    UNTERMINATED_CONDITIONAL("an #if, #ifdef or #ifndef with no #endif before the end of its file", Layer.PREPROCESS),
    UNBALANCED_CONDITIONAL("an #else, #elif or #endif with no #if open", Layer.PREPROCESS),
    BAD_EXPRESSION("an #if expression cpp cannot evaluate", Layer.PREPROCESS),
    DIVISION_BY_ZERO("a division or remainder by zero, in an #if or in a cell expression",
            Layer.PREPROCESS, Layer.TREE),
    BAD_DIRECTIVE("a directive with malformed operands, such as #line with no line number", Layer.PREPROCESS),
    BAD_DEFINE("a #define or #undef that defines nothing: no name, a name that is not an identifier, a misplaced ##",
            Layer.PREPROCESS),
    MACRO_REDEFINED("a macro defined again with another body", Layer.PREPROCESS),
    WRONG_ARGUMENT_COUNT("a function-like macro invoked with more or fewer arguments than it takes", Layer.PREPROCESS),
    UNTERMINATED_ARGUMENTS("a macro invocation whose argument list never closes", Layer.PREPROCESS),
    EXPANSION_LIMIT("macro expansion grew past the limit kept against runaway input: later macros are not expanded",
            Layer.PREPROCESS),
    UNTERMINATED_COMMENT("a /* comment with no */", Layer.PREPROCESS),
    MISSING_FILE("the file to preprocess cannot be read", Layer.PREPROCESS),
    INTERNAL("a fault in the preprocessor itself; the text up to that point is still used", Layer.PREPROCESS),

    // the merged tree, as dtc's checks name them
    UNDEFINED_MACRO("a name dtc cannot read where a value belongs: most likely a macro that is not defined",
            Layer.TREE),
    LABEL_NOT_FOUND("a &label or &{/path} node reference to no node", Layer.TREE),
    PHANDLE_REFERENCES("a phandle cell &label that points at no node", Layer.TREE),
    PATH_REFERENCES("a path reference &label in a value that points at no node", Layer.TREE),
    DUPLICATE_LABEL("one label on two nodes", Layer.TREE),
    EXPLICIT_PHANDLES("a phandle or linux,phandle property that is not one valid cell, or two that disagree",
            Layer.TREE),
    NAME_PROPERTIES("a \"name\" property that differs from the node's name", Layer.TREE),
    VALUE_TRUNCATED("a cell value wider than its /bits/ size: dtc keeps the low bits", Layer.TREE),
    INCBIN("a /incbin/ of a file that cannot be read", Layer.TREE),
    INCLUDE("a dtc /include/ of a file that cannot be read, or that includes itself", Layer.TREE),
    OVERLAY("an overlay fragment whose target or references the base tree cannot satisfy", Layer.TREE),

    // the memory rules of RULES.md, in their order
    RMEM_FORMAT("/reserved-memory must have the root's #address-cells and #size-cells, and ranges", Layer.MEMORY),
    REG_FORMAT("reg, size, alignment, alloc-ranges must have the cell counts the kernel reads; no range past 2^64",
            Layer.MEMORY),
    MULTIPLE_REG("more than one reg entry: only the first is registered", Layer.MEMORY),
    REG_AND_SIZE("both reg and size: size is ignored", Layer.MEMORY),
    NO_REG_NO_SIZE("neither reg nor size (nor iommu-addresses): nothing is reserved", Layer.MEMORY),
    ZERO_SIZE("size 0 in reg or size", Layer.MEMORY),
    STATIC_DYNAMIC_PROPS("alignment or alloc-ranges on a node with reg: ignored", Layer.MEMORY),
    ALIGNMENT_CELLS("alignment written with #address-cells (Linux) where the binding says #size-cells", Layer.MEMORY),
    ALIGNMENT_POW2("alignment not a power of two", Layer.MEMORY),
    OVERLAP("two static regions (or /memreserve/ entries) share a byte", Layer.MEMORY),
    UNPLACEABLE("a dynamic region cannot be placed in its alloc-ranges (or DRAM)", Layer.MEMORY),
    NOMAP_REUSABLE("no-map together with reusable", Layer.MEMORY),
    CMA_ALIGNMENT("a CMA pool whose base or size is not a multiple of cmaAlignment", Layer.MEMORY),
    PAGE_ALIGNMENT("a no-map region whose base or size is not a multiple of pageSize", Layer.MEMORY),
    BOUNDARY_ALIGNMENT("a static region whose base or size is not a multiple of boundaryAlignment", Layer.MEMORY),
    OUTSIDE_DRAM("a region not inside the /memory ranges (error for a CMA pool)", Layer.MEMORY),
    CMA_ZONE("a CMA pool that crosses the 4 GiB (DMA32) boundary", Layer.MEMORY),
    CMA_DEFAULT_TWICE("more than one linux,cma-default", Layer.MEMORY),
    FIRMWARE_REGION("a no-map carve-out of the baseline shrunk, deleted or disabled by a later file (moved: info)",
            Layer.MEMORY),
    UNIT_ADDRESS("the unit address in the node name differs from the reg base, or is badly formed, or has no reg",
            Layer.MEMORY),
    MEMORY_REGION_TARGET("a memory-region phandle that points outside /reserved-memory, at a deleted node, "
            + "or a disabled one", Layer.MEMORY),
    TOO_MANY_REGIONS("more regions than the kernel's table (64) or CMA pools than cmaAreas", Layer.MEMORY),
    CMDLINE_CMA("cma= in /chosen/bootargs bypasses linux,cma-default; a fixed cma=size@base over a region is an error",
            Layer.MEMORY);

    /** The layers that find problems, from the text up. */
    public enum Layer {
        SYNTAX, PREPROCESS, TREE, MEMORY
    }

    private static final Map<String, Code> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Code::id, Function.identity()));

    private final String id;
    private final String meaning;
    private final Set<Layer> layers;

    Code(String meaning, Layer first, Layer... others) {
        this.id = name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.meaning = meaning;
        this.layers = EnumSet.of(first, others);
    }

    /** The code as findings carry it, e.g. {@code missing-include}. */
    public String id() {
        return id;
    }

    /** One line saying what the code means, for help texts and SARIF. */
    public String meaning() {
        return meaning;
    }

    /** The layers that report it. */
    public Set<Layer> layers() {
        return Set.copyOf(layers);
    }

    /** The registered code spelt {@code id}; empty for an unknown one. */
    public static Optional<Code> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    @Override
    public String toString() {
        return id;
    }
}
