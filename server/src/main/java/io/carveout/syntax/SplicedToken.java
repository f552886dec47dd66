package io.carveout.syntax;

import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * A token that comes from a file spliced in by /include/: the parser reads it, the tree
 * leaves it out, and a diagnostic on it is shown on the directive that brought it in.
 */
final class SplicedToken extends CommonToken {
    final Token host;
    final String file;

    SplicedToken(Token original, Token host, String file) {
        super(original);
        this.host = host;
        this.file = file;
    }
}
