package io.carveout.preprocess;

import java.util.Arrays;
import java.util.List;

/**
 * A macro as the expander uses it: its replacement list as tokens. Immutable, since the include
 * memo hands the macros one unit defined to others; each unit tracks which are being expanded.
 */
final class Macro {

    /** The macros cpp computes instead of reading a replacement list. */
    enum Builtin {
        FILE,
        LINE,
        BASE_FILE,
        FILE_NAME,
        INCLUDE_LEVEL,
        COUNTER,
        HAS_INCLUDE,
        HAS_INCLUDE_NEXT
    }

    final String name;
    final boolean functionLike;
    final List<String> params;
    final boolean variadic;
    final Token[] body;
    final Builtin builtin;
    final MacroDefinition definition;

    Macro(String name, boolean functionLike, List<String> params, boolean variadic, Token[] body,
            Builtin builtin, MacroDefinition definition) {
        this.name = name;
        this.functionLike = functionLike;
        this.params = List.copyOf(params);
        this.variadic = variadic;
        this.body = body;
        this.builtin = builtin;
        this.definition = definition;
    }

    int paramCount() {
        return params.size();
    }

    /** Whether a redefinition differs, by the standard's rule: same parameters, same tokens, same spacing. */
    boolean differsFrom(Macro other) {
        if (functionLike != other.functionLike || variadic != other.variadic
                || !params.equals(other.params) || builtin != other.builtin
                || body.length != other.body.length) {
            return true;
        }
        int relevant = Token.PREV_WHITE | Token.STRINGIFY | Token.PASTE_LEFT;
        for (int i = 0; i < body.length; i++) {
            Token a = body[i];
            Token b = other.body[i];
            if (a.kind != b.kind || !a.text.equals(b.text) || a.param != b.param
                    || (a.flags & relevant) != (b.flags & relevant)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + (functionLike ? params.toString() : "") + " " + Arrays.toString(body);
    }
}
