package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.preprocess.SourceProvider;
import io.carveout.text.LineIndex;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
    private final Map<Path, Optional<LineIndex>> lines = new HashMap<>();

    Suppressions(SourceProvider sources) {
        this.sources = sources;
    }

    boolean silences(Finding diagnostic) {
        if (diagnostic.where() == null) {
            return false;
        }
        // Most files have no silencer at all: then no line index is built (a SoC file is 230 kB
        // and is checked again in every board at each keystroke).
        Optional<LineIndex> index = lines.computeIfAbsent(diagnostic.where().file(),
                f -> sources.read(f).filter(t -> t.contains("carveout-ignore")).map(LineIndex::new));
        Optional<String> text = sources.read(diagnostic.where().file());
        if (index.isEmpty() || text.isEmpty() || diagnostic.where().start() > text.get().length()) {
            return false;
        }
        int line = index.get().positionOf(diagnostic.where().start()).line();
        for (int l = Math.max(0, line - 1); l <= line; l++) {
            String content = text.get().substring(index.get().lineStart(l), index.get().lineEnd(l));
            Matcher m = IGNORE.matcher(content);
            while (m.find()) {
                if (Arrays.stream(m.group(1).split(",")).map(String::trim).anyMatch(diagnostic.code()::equals)) {
                    return true;
                }
            }
        }
        return false;
    }
}
