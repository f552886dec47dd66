package io.carveout.ide;

import io.carveout.memory.AddressRange;
import io.carveout.memory.BootLog;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.ReservedRegion;
import io.carveout.preprocess.MacroUse;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.SourceSpan;
import io.carveout.tree.DtProperty;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FileReport;
import io.carveout.workspace.Project;
import io.carveout.workspace.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What hovering over a place shows: for a region, the boot-log line, its size and end,
 * where it was defined and overridden, and its neighbours with the gaps; for a number,
 * its hex, decimal and size; for a macro, its definition.
 */
public final class Hovers {
    /** Markdown to show, and the range of text it is about. */
    public record Hover(String markdown, SourceSpan range) {
    }

    private Hovers() {
    }

    public static Optional<Hover> at(Snapshot snapshot, Path file, int offset) {
        // one board answers: a .dtsi's other boards are not compiled for a hover
        FileReport report = snapshot.inContext(file);
        SyntaxTree syntax = report.syntax();
        Optional<SyntaxToken> token = syntax.tokenAt(offset);
        for (CompiledBoard board : report.boards()) {
            for (MacroUse use : board.preprocessed().uses()) {
                if (RegionLookup.contains(use.nameSpan(), file, offset)) {
                    return Optional.of(new Hover("```c\n#define " + use.definition().signature() + "\n```"
                            + definedAt(snapshot, use.definition().nameSpan()), use.nameSpan()));
                }
            }
        }
        Optional<String> number = token.flatMap(t -> number(syntax, t));
        for (CompiledBoard board : report.boards()) {
            MemoryMap map = snapshot.memoryMap(board);
            Optional<ReservedRegion> region = RegionLookup.at(map, board.tree()::labelled, syntax, file, offset);
            if (region.isPresent()) {
                SourceSpan range = token.map(t -> new SourceSpan(file, t.start(), t.end()))
                        .orElse(new SourceSpan(file, offset, offset));
                // on a number inside a region's property, the number first, then the region
                String text = number.map(n -> n + "\n\n---\n\n").orElse("") + describe(snapshot, map, region.get(), board)
                        + readIn(snapshot, file, board);
                return Optional.of(new Hover(text, range));
            }
        }
        if (number.isPresent()) {
            return Optional.of(new Hover(number.get(), new SourceSpan(file, token.get().start(), token.get().end())));
        }
        return Optional.empty();
    }

    // Which of a .dtsi's boards answered, when more than one includes it (also those the boards
    // setting leaves out, which the user may still choose).
    private static String readIn(Snapshot snapshot, Path file, CompiledBoard board) {
        int including = Project.isBoard(file) ? 0 : snapshot.boardsIncluding(file).size();
        return including > 1 ? "\n\nas in `" + board.file().getFileName() + "`, one of " + including
                + " boards that include this file" : "";
    }

    private static Optional<String> number(SyntaxTree syntax, SyntaxToken token) {
        if (token.kind() != SyntaxKind.INT && token.kind() != SyntaxKind.NAME) {
            return Optional.empty();
        }
        String text = syntax.text(token);
        Long value = Character.isDigit(text.charAt(0)) ? parse(text) : null;
        return value == null ? Optional.empty() : Optional.of(String.format("`0x%x` = `%s` = %s", value,
                Long.toUnsignedString(value), BootLog.humanSize(value)));
    }

    static String describe(Snapshot snapshot, MemoryMap map, ReservedRegion region, CompiledBoard board) {
        StringBuilder md = new StringBuilder();
        if (region.isStatic()) {
            for (AddressRange range : region.regs()) {
                md.append("```\n").append(BootLog.line(range, region.noMap(), region.reusable(), region.name()))
                        .append("\n```\n");
            }
            AddressRange first = region.regs().get(0);
            md.append(BootLog.humanSize(first.size())).append(", end ").append(hex(first.end())).append(" (exclusive)");
        } else if (region.size().isPresent()) {
            md.append("```\ndynamic ").append(region.name()).append(": ").append(BootLog.humanSize(region.size().get()))
                    .append(region.alignment().map(a -> ", aligned to " + hex(a)).orElse("")).append("\n```\n");
            md.append("placed by the kernel at boot")
                    .append(region.allocRanges().isEmpty() ? " anywhere in DRAM" : " inside alloc-ranges " + String.join(", ",
                            region.allocRanges().stream().map(r -> hex(r.base()) + ".." + hex(r.last())).toList()));
        } else {
            md.append("`").append(region.name()).append("`: neither `reg` nor `size`: nothing is reserved");
        }
        md.append(region.isEnabled() ? "" : " · status `" + region.status() + "`");
        if (!region.labels().isEmpty()) {
            md.append(" · label ").append(String.join(", ", region.labels().stream().map(l -> "`" + l + "`").toList()));
        }
        md.append("\n\n");
        List<SourceSpan> definitions = region.node().definitions();
        if (!definitions.isEmpty()) {
            md.append("defined at ").append(snapshot.describe(definitions.get(0)));
            for (SourceSpan override : definitions.subList(1, definitions.size())) {
                md.append(", overridden at ").append(snapshot.describe(override));
            }
            md.append("\n\n");
        }
        region.node().property("reg").map(DtProperty::origin).ifPresent(o ->
                md.append("`reg` set at ").append(snapshot.describe(o)).append("\n\n"));
        if (region.isStatic()) {
            neighbours(map, region, md);
        }
        if (!region.consumers().isEmpty()) {
            md.append("used by ").append(String.join(", ", region.consumers().stream().map(c -> "`" + c + "`").toList()))
                    .append("\n\n");
        }
        md.append("board ").append(board.file().getFileName());
        return md.toString();
    }

    private static void neighbours(MemoryMap map, ReservedRegion region, StringBuilder md) {
        AddressRange own = region.regs().get(0);
        List<ReservedRegion> others = new ArrayList<>();
        for (ReservedRegion r : map.regions()) {
            if (r != region && r.isStatic() && r.isEnabled()) {
                others.add(r);
            }
        }
        Optional<ReservedRegion> below = others.stream()
                .filter(r -> Long.compareUnsigned(r.regs().get(0).base(), own.base()) < 0)
                .max(Comparator.comparing(r -> r.regs().get(0).base(), Long::compareUnsigned));
        Optional<ReservedRegion> above = others.stream()
                .filter(r -> Long.compareUnsigned(r.regs().get(0).base(), own.base()) >= 0)
                .min(Comparator.comparing(r -> r.regs().get(0).base(), Long::compareUnsigned));
        below.ifPresent(r -> {
            AddressRange b = r.regs().get(0);
            md.append("below: `").append(r.name()).append("` ends ").append(hex(b.end()))
                    .append(gap(b.end(), own.base())).append("\n\n");
        });
        above.ifPresent(r -> {
            AddressRange a = r.regs().get(0);
            md.append("above: `").append(r.name()).append("` starts ").append(hex(a.base()))
                    .append(gap(own.end(), a.base())).append("\n\n");
        });
    }

    private static String gap(long from, long to) {
        if (Long.compareUnsigned(to, from) < 0) {
            return ": **overlaps by " + BootLog.humanSize(from - to) + "**";
        }
        return to == from ? ": no gap" : ": gap " + BootLog.humanSize(to - from);
    }

    private static String definedAt(Snapshot snapshot, Optional<SourceSpan> span) {
        return span.map(s -> "\n\ndefined at " + snapshot.describe(s)).orElse("\n\npredefined or from the settings");
    }

    private static Long parse(String literal) {
        String digits = literal.replaceAll("[uUlL]+$", "");
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                return Long.parseUnsignedLong(digits.substring(2), 16);
            }
            if (digits.length() > 1 && digits.startsWith("0")) {
                return Long.parseUnsignedLong(digits.substring(1), 8);
            }
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
