package io.carveout.preprocess;

import io.carveout.text.SourceSpan;

/** One problem the preprocessor found, placed on the directive or the macro use that caused it. */
public record PpDiagnostic(Code code, Severity severity, SourceSpan span, String message) {

    /** How bad a finding is; cpp stops the build on an error. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** What went wrong, one code per kind of finding. */
    public enum Code {
        MISSING_INCLUDE,
        INCLUDE_CYCLE,
        INCLUDE_DEPTH,
        BAD_INCLUDE,
        ERROR_DIRECTIVE,
        WARNING_DIRECTIVE,
        UNTERMINATED_CONDITIONAL,
        UNBALANCED_CONDITIONAL,
        BAD_EXPRESSION,
        DIVISION_BY_ZERO,
        BAD_DIRECTIVE,
        BAD_DEFINE,
        MACRO_REDEFINED,
        WRONG_ARGUMENT_COUNT,
        UNTERMINATED_ARGUMENTS,
        EXPANSION_LIMIT,
        UNTERMINATED_COMMENT,
        MISSING_FILE,
        /** A fault in the preprocessor itself; the text up to that point is still returned. */
        INTERNAL
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return span.file() + "@" + span.start() + ".." + span.end() + ": "
                + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message + " [" + code + "]";
    }
}
