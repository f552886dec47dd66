package io.carveout.syntax;

/**
 * What the parse of a whole file decided that an edit far away could change, kept with
 * its tree so that an incremental re-parse knows when it may splice and when it must
 * parse the whole file to stay equal to a full parse.
 *
 * @param reusable whether the tree may be edited incrementally at all (not when it was
 *        parsed with /include/ files spliced in, or kept whole as too large)
 * @param nestingBound at least the deepest bracket nesting of the file, as
 *        {@link TokenPass#guardNesting} counts it; above {@link TokenPass#MAX_NESTING}
 *        when the limit hid something
 * @param unclosedAtEnd whether error recovery reported a node left open at the end of
 *        the file: that message names lines and looks at the indentation of every '};'
 * @param truncated whether the diagnostics hit {@link DiagnosticSink#LIMIT}
 */
record ParseFacts(boolean reusable, int nestingBound, boolean unclosedAtEnd, boolean truncated) {
    static final ParseFacts NOT_REUSABLE = new ParseFacts(false, Integer.MAX_VALUE, false, false);
}
