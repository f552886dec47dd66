package io.carveout.preprocess;

import io.carveout.finding.Code;
import io.carveout.finding.Severity;
import io.carveout.preprocess.Token.Kind;
import io.carveout.preprocess.Token.Origin;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The macros cpp defines itself, {@code __FILE__}, {@code __LINE__}, {@code __COUNTER__},
 * {@code __has_include} and the rest: each expands to what the unit's state is where it is used,
 * so they are computed here rather than read from a replacement list.
 */
final class BuiltinMacros {

    private final TranslationUnit unit;
    private int counter;

    BuiltinMacros(TranslationUnit unit) {
        this.unit = unit;
    }

    /** Defines the builtin names in the unit's macro table. */
    void define() {
        for (Macro.Builtin b : Macro.Builtin.values()) {
            String name = switch (b) {
                case FILE -> "__FILE__";
                case LINE -> "__LINE__";
                case BASE_FILE -> "__BASE_FILE__";
                case FILE_NAME -> "__FILE_NAME__";
                case INCLUDE_LEVEL -> "__INCLUDE_LEVEL__";
                case COUNTER -> "__COUNTER__";
                case HAS_INCLUDE -> "__has_include";
                case HAS_INCLUDE_NEXT -> "__has_include_next";
            };
            MacroDefinition def = new MacroDefinition(name, false, List.of(), false, "", Optional.empty());
            unit.macros.put(name, new Macro(name, false, List.of(), false, new Token[0], b, def));
        }
    }

    /** Expands builtin {@code m}, used at {@code name}, pushing its value to be read next. */
    boolean expand(Macro m, Token name) {
        String text;
        Kind kind = Kind.NUMBER;
        switch (m.builtin) {
            case FILE -> {
                text = quote(unit.reader.frame().path.toString());
                kind = Kind.STRING;
            }
            case BASE_FILE -> {
                unit.replay.poison();
                text = quote(unit.mainPath.toString());
                kind = Kind.STRING;
            }
            case FILE_NAME -> {
                Path fileName = unit.reader.frame().path.getFileName();
                text = quote(fileName == null ? "" : fileName.toString());
                kind = Kind.STRING;
            }
            case LINE -> {
                Origin o = name.origin;
                int line = o == null ? 0 : unit.reader.tokens(o.file()).lineOf(o.start());
                if (o != null && o.file() == unit.reader.frame().fileId) {
                    line += unit.reader.frame().lineDelta;
                }
                text = Integer.toString(line);
            }
            case INCLUDE_LEVEL -> {
                unit.replay.poison();
                text = Integer.toString(unit.reader.depth() - 1);
            }
            case COUNTER -> {
                unit.replay.poison();
                text = Integer.toString(counter++);
            }
            case HAS_INCLUDE, HAS_INCLUDE_NEXT -> text = hasInclude(m, name) ? "1" : "0";
            default -> throw new IllegalStateException();
        }
        unit.expander.pushContinuing(Token.of(kind, text, 0, name.origin));
        return true;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private boolean hasInclude(Macro m, Token name) {
        if (!unit.expander.inDirective()) {
            unit.report(Code.BAD_EXPRESSION, Severity.ERROR, unit.span(name),
                    "\"" + m.name + "\" used outside of preprocessing directive");
            return false;
        }
        Token t = unit.expander.nextNonPadding();
        boolean paren = t.is("(");
        if (paren) {
            t = unit.expander.nextNonPadding();
        } else {
            unit.report(Code.BAD_EXPRESSION, Severity.ERROR, unit.span(name),
                    "missing '(' before \"" + m.name + "\" operand");
        }
        Includes.HeaderName header = unit.includes.headerNameFrom(t);
        if (header == null) {
            unit.report(Code.BAD_EXPRESSION, Severity.ERROR, unit.span(name),
                    "operator \"" + m.name + "\" requires a header-name");
            return false;
        }
        if (paren && !unit.expander.nextNonPadding().is(")")) {
            unit.report(Code.BAD_EXPRESSION, Severity.ERROR, unit.span(name),
                    "missing ')' after \"" + m.name + "\" operand");
        }
        if (unit.conditionals.skipping()) {
            return false;
        }
        boolean next = m.builtin == Macro.Builtin.HAS_INCLUDE_NEXT;
        int firstRoot = next ? Math.max(unit.reader.frame().foundRoot + 1, 0) : 0;
        return unit.includes.findInclude(header.name(), header.angled(), firstRoot, next) != null;
    }
}
