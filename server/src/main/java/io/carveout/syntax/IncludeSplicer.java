package io.carveout.syntax;

import java.util.Optional;

/**
 * Supplies the text of a file named by {@code /include/ "name"}. dtc splices such a file
 * into the token stream wherever the directive stands, even in the middle of a property;
 * with a splicer the parser reads the spliced tokens too, while the tree keeps only the
 * file's own text. The syntax layer reads no file itself: the caller decides where
 * names resolve (the including file's folder, then the include paths).
 */
@FunctionalInterface
public interface IncludeSplicer {
    /** No file can be spliced: each /include/ stays a directive between items. */
    IncludeSplicer NONE = name -> Optional.empty();

    Optional<String> textOf(String name);
}
