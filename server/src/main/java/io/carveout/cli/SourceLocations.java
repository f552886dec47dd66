package io.carveout.cli;

import io.carveout.preprocess.SourceProvider;
import io.carveout.text.LineIndex;
import io.carveout.text.Position;
import io.carveout.text.SourceSpan;
import io.carveout.workspace.MemoryMapJson;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns spans into file:line:col for people, with paths relative to the working directory,
 * and names files on disk for the memory-map document.
 */
final class SourceLocations implements MemoryMapJson.Places {
    private final SourceProvider sources;
    private final Map<Path, LineIndex> indexes = new HashMap<>();
    private final Path workingDirectory = Path.of("").toAbsolutePath();

    SourceLocations(SourceProvider sources) {
        this.sources = sources;
    }

    String describe(SourceSpan span) {
        if (span == null) {
            return "<generated>";
        }
        Position at = position(span);
        return display(span.file()) + ":" + (at.line() + 1) + ":" + (at.character() + 1);
    }

    Position position(SourceSpan span) {
        return lines(span.file()).positionOf(span.start());
    }

    Position endPosition(SourceSpan span) {
        return lines(span.file()).positionOf(span.end());
    }

    @Override
    public LineIndex lines(Path file) {
        return indexes.computeIfAbsent(file, f -> new LineIndex(sources.read(f).orElse("")));
    }

    @Override
    public String uri(Path file) {
        return MemoryMapJson.fileUri(file);
    }

    /** The folder relative paths are given from. */
    Path workingDirectory() {
        return workingDirectory;
    }

    String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(workingDirectory)) {
            return workingDirectory.relativize(absolute).toString();
        }
        Path relative = workingDirectory.relativize(absolute);
        return relative.toString().length() < absolute.toString().length() ? relative.toString() : absolute.toString();
    }
}
