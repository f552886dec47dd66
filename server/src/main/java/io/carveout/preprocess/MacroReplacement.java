package io.carveout.preprocess;

import io.carveout.preprocess.Token.Kind;
import io.carveout.preprocess.Token.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A function-like macro's replacement list with its arguments put in: the {@code #} and
 * {@code ##} operators and {@code __VA_OPT__}, in GCC's {@code replace_args} order. Kept apart from
 * the expansion loop because it reads nothing but the macro and its arguments; the one way back
 * is pre-expanding an argument, which the caller does on demand.
 */
final class MacroReplacement {

    /** Padding that keeps the tokens on either side of it from printing as one. */
    static final Token AVOID_PASTE = Token.padding(null);

    private MacroReplacement() {}

    /** The arguments of one invocation in their three forms, the last two made when first needed. */
    static final class Argument {
        /** The tokens as written; null when a variadic argument was left out entirely. */
        final List<Token> first;
        List<Token> expanded;
        Token stringified;

        Argument(List<Token> first) {
            this.first = first;
        }

        int count() {
            return first == null ? 0 : first.size();
        }
    }

    static Token[] copyBody(Macro m, Origin origin) {
        Token[] result = new Token[m.body.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = m.body[i].at(origin);
        }
        return result;
    }

    static Token[] replaceArgs(Macro m, Argument[] args, Origin origin, boolean inDirective,
            Consumer<Argument> expandArg) {
        Token[] body = m.body;
        for (int k = 0; k < body.length; k++) {
            Token src = body[k];
            if (src.kind != Kind.PARAM) {
                continue;
            }
            Argument arg = args[src.param];
            if (src.has(Token.STRINGIFY)) {
                if (arg.stringified == null) {
                    arg.stringified = stringify(arg.first == null ? List.of() : arg.first, false, origin);
                }
            } else if (!src.has(Token.PASTE_LEFT) && !(k > 0 && body[k - 1].has(Token.PASTE_LEFT))) {
                if (arg.expanded == null) {
                    expandArg.accept(arg);
                }
            }
        }

        List<Token> buff = new ArrayList<>();
        VaOpt vaopt = new VaOpt(m.variadic, m.variadic ? args[m.paramCount() - 1] : null, expandArg);
        int vaoptStart = -1;
        boolean vaoptOpen = false;
        for (int k = 0; k < body.length; k++) {
            Token src = body[k];
            VaOpt.Update update = vaopt.update(src);
            if (update != VaOpt.Update.INCLUDE) {
                if (update == VaOpt.Update.BEGIN) {
                    if (k > 0 && !body[k - 1].has(Token.PASTE_LEFT)) {
                        buff.add(Token.padding(src.at(origin)));
                    }
                    vaoptStart = buff.size() - 1;
                    vaoptOpen = true;
                } else if (update == VaOpt.Update.END) {
                    int start = vaoptStart;
                    vaoptOpen = false;
                    int last = buff.size() - 1;
                    if (vaopt.stringify()) {
                        int from = start >= 0 ? start + 1 : 0;
                        List<Token> inner = new ArrayList<>(buff.subList(from, buff.size()));
                        Token s = stringify(inner, true, origin);
                        while (buff.size() > from) {
                            buff.remove(buff.size() - 1);
                        }
                        if (src.has(Token.PASTE_LEFT)) {
                            s = s.withFlags(s.flags | Token.PASTE_LEFT);
                        }
                        buff.add(s);
                    } else if (src.has(Token.PASTE_LEFT)) {
                        while (last >= 0 && last != start && buff.get(last) == AVOID_PASTE) {
                            buff.remove(last);
                            last = buff.size() - 1;
                        }
                        if (last >= 0 && buff.get(last).kind != Kind.PADDING) {
                            buff.set(last, buff.get(last).withFlags(buff.get(last).flags | Token.PASTE_LEFT));
                        }
                    } else {
                        buff.add(AVOID_PASTE);
                    }
                }
                continue;
            }
            if (src.kind != Kind.PARAM) {
                buff.add(src.at(origin));
                continue;
            }
            Argument arg = args[src.param];
            int pasteFlag = -1;
            List<Token> from;
            boolean rhsOfPaste = k > 0 && body[k - 1].has(Token.PASTE_LEFT);
            if (src.has(Token.STRINGIFY)) {
                from = List.of(arg.stringified);
            } else if (src.has(Token.PASTE_LEFT)) {
                from = arg.first == null ? List.of() : arg.first;
            } else if (rhsOfPaste) {
                from = arg.first == null ? List.of() : arg.first;
                if (!buff.isEmpty()) {
                    int last = buff.size() - 1;
                    if (buff.get(last).is(",") && m.variadic && src.param == m.paramCount() - 1) {
                        if (arg.first == null) {
                            buff.remove(last);
                        } else {
                            pasteFlag = last;
                        }
                    } else if (from.isEmpty()) {
                        pasteFlag = last;
                    }
                }
            } else {
                from = arg.expanded;
                if (vaoptOpen && vaoptStart >= 0 && buff.size() - 1 == vaoptStart) {
                    int skip = 0;
                    while (skip < from.size() && from.get(skip).kind == Kind.PADDING) {
                        skip++;
                    }
                    from = from.subList(skip, from.size());
                }
            }
            boolean atVaoptStart = vaoptOpen && vaoptStart >= 0 && buff.size() - 1 == vaoptStart;
            if (!inDirective && k > 0 && !rhsOfPaste && !atVaoptStart) {
                buff.add(Token.padding(src.at(origin)));
            }
            if (!from.isEmpty()) {
                buff.addAll(from);
                if (src.has(Token.PASTE_LEFT)) {
                    pasteFlag = buff.size() - 1;
                }
            }
            if (!inDirective && !src.has(Token.PASTE_LEFT)) {
                buff.add(AVOID_PASTE);
            }
            if (pasteFlag >= 0) {
                Token p = buff.get(pasteFlag);
                int flags = src.has(Token.PASTE_LEFT) ? p.flags | Token.PASTE_LEFT : p.flags & ~Token.PASTE_LEFT;
                buff.set(pasteFlag, p.withFlags(flags));
            }
        }
        return buff.toArray(new Token[0]);
    }

    /** The # operator: the argument's spelling as a string literal, white space collapsed. */
    static Token stringify(List<Token> tokens, boolean vaopt, Origin origin) {
        StringBuilder sb = new StringBuilder("\"");
        Token source = null;
        int backslashes = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (vaopt && token.has(Token.PASTE_LEFT)) {
                Token rhs;
                do {
                    if (i + 1 >= tokens.size()) {
                        break;
                    }
                    rhs = tokens.get(++i);
                    Token pasted = paste(token, rhs);
                    if (pasted == null) {
                        i--;
                        token = token.withFlags(token.flags & ~Token.PASTE_LEFT);
                        break;
                    }
                    token = pasted;
                } while (rhs.has(Token.PASTE_LEFT));
            }
            if (token.kind == Kind.PADDING) {
                if (source == null || (!source.has(Token.PREV_WHITE) && token.source == null)) {
                    source = token.source;
                }
                continue;
            }
            if (sb.length() > 1) {
                Token s = source == null ? token : source;
                if (s.has(Token.PREV_WHITE)) {
                    sb.append(' ');
                }
            }
            source = null;
            if (token.kind == Kind.STRING || token.kind == Kind.CHARACTER) {
                for (char c : token.text.toCharArray()) {
                    if (c == '\\' || c == '"') {
                        sb.append('\\');
                    }
                    sb.append(c == '\n' ? 'n' : c);
                }
            } else {
                sb.append(token.text);
            }
            backslashes = token.kind == Kind.OTHER && token.text.startsWith("\\") ? backslashes + 1 : 0;
        }
        if (backslashes % 2 == 1) {
            // cpp drops the final backslash rather than make an invalid literal
            sb.setLength(sb.length() - 1);
        }
        sb.append('"');
        return Token.of(Kind.STRING, sb.toString(), 0, origin);
    }

    /** Joins two tokens' spellings; null when that is not exactly one token. */
    static Token paste(Token lhs, Token rhs) {
        String joined = lhs.text + (lhs.is("/") && !rhs.is("=") ? " " : "") + rhs.text;
        Optional<PpTokenKind> kind = TokenizedText.singleToken(joined);
        if (kind.isEmpty()) {
            return null;
        }
        int flags = rhs.has(Token.PASTE_LEFT) ? Token.PASTE_LEFT : 0;
        return Token.of(Kind.of(kind.get()), joined, flags, lhs.origin);
    }

    /**
     * Tracks {@code __VA_OPT__ ( ... )} while a replacement list is walked: its contents are kept
     * only when the variadic argument expands to at least one token.
     */
    private static final class VaOpt {
        enum Update {
            ERROR,
            DROP,
            INCLUDE,
            BEGIN,
            END
        }

        private final boolean variadic;
        private final Argument arg;
        private final Consumer<Argument> expandArg;
        /** 0 outside, 1 after the name, 2 after "(", then 2 plus the paren depth. */
        private int state;
        private boolean stringify;
        private Update verdict = Update.ERROR;

        VaOpt(boolean variadic, Argument arg, Consumer<Argument> expandArg) {
            this.variadic = variadic;
            this.arg = arg;
            this.expandArg = expandArg;
        }

        Update update(Token token) {
            if (!variadic) {
                return Update.INCLUDE;
            }
            if (token.isIdentifier("__VA_OPT__")) {
                if (state > 0) {
                    return Update.ERROR;
                }
                state = 1;
                stringify = token.has(Token.STRINGIFY);
                return Update.BEGIN;
            }
            if (state == 1) {
                if (!token.is("(")) {
                    state = 0;
                    return Update.ERROR;
                }
                state = 2;
                if (verdict == Update.ERROR) {
                    verdict = Update.DROP;
                    if (arg.expanded == null) {
                        expandArg.accept(arg);
                    }
                    for (Token t : arg.expanded) {
                        if (t.kind != Kind.PADDING) {
                            verdict = Update.INCLUDE;
                            break;
                        }
                    }
                }
                return Update.DROP;
            }
            if (state >= 2) {
                if (state == 2) {
                    state++;
                }
                if (token.is("(")) {
                    state++;
                } else if (token.is(")")) {
                    state--;
                    if (state == 2) {
                        state = 0;
                        return Update.END;
                    }
                }
                return verdict;
            }
            return Update.INCLUDE;
        }

        boolean stringify() {
            return stringify;
        }
    }
}
