package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.preprocess.SourceProvider;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-source silencer of PRODUCT.md: a comment {@code /* carveout-ignore rule-id: reason *&#47;}
 * (or several ids separated by commas) on the line of a diagnostic or the line above it.
 */
final class Suppressions {
    private static final Pattern IGNORE = Pattern.compile("carveout-ignore\\s+([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)");

    private final SourceProvider sources;

    Suppressions(SourceProvider sources) {
        this.sources = sources;
    }

    boolean silences(Finding diagnostic) {
        if (diagnostic.where() == null) {
            return false;
        }
        Optional<String> read = sources.read(diagnostic.where().file());
        if (read.isEmpty() || diagnostic.where().start() > read.get().length()) {
            return false;
        }
        // Only the finding's line and the one above are read, found from the finding outwards:
        // a SoC file is 230 kB and is checked again in every board at each keystroke, so no
        // pass over the whole text (nor a line index of it) is made per finding or per check.
        String text = read.get();
        int lineStart = lineStart(text, diagnostic.where().start());
        int lineEnd = lineEnd(text, diagnostic.where().start());
        if (silences(text.substring(lineStart, lineEnd), diagnostic)) {
            return true;
        }
        if (lineStart == 0) {
            return false;
        }
        int previousEnd = lineStart - 1;
        if (previousEnd > 0 && text.charAt(previousEnd) == '\n' && text.charAt(previousEnd - 1) == '\r') {
            previousEnd--;
        }
        return silences(text.substring(lineStart(text, previousEnd), previousEnd), diagnostic);
    }

    private static boolean silences(String line, Finding diagnostic) {
        Matcher m = IGNORE.matcher(line);
        while (m.find()) {
            if (Arrays.stream(m.group(1).split(",")).map(String::trim).anyMatch(diagnostic.code()::equals)) {
                return true;
            }
        }
        return false;
    }

    // Lines end at "\n", "\r\n" or a lone "\r", as the editor counts them.
    private static int lineStart(String text, int offset) {
        int i = offset;
        while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    private static int lineEnd(String text, int offset) {
        int i = offset;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }
}
