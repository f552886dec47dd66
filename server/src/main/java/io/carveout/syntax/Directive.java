package io.carveout.syntax;

/**
 * The keyword and the rest of a preprocessor line, as far as the syntax layer needs
 * them: to follow #if nesting and to check line markers.
 */
record Directive(String keyword, String rest) {
    static Directive of(String line) {
        int i = line.indexOf('#') + 1;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        int start = i;
        if (i < line.length() && Character.isDigit(line.charAt(i))) {
            return new Directive("", line.substring(start));
        }
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
            i++;
        }
        return new Directive(line.substring(start, i), line.substring(i));
    }

    /** A GNU line marker: "# 12 "file.dts" 2". */
    boolean isLineMarker() {
        return keyword.isEmpty();
    }

    /** True for "#if 0" and the like: the only condition the file as written decides alone. */
    boolean isLiteralZero() {
        String condition = rest.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//.*", "").strip();
        while (condition.startsWith("(") && condition.endsWith(")")) {
            condition = condition.substring(1, condition.length() - 1).strip();
        }
        return condition.matches("0+[uUlL]*");
    }
}
