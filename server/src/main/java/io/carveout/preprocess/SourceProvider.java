package io.carveout.preprocess;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the preprocessor gets file texts from: the engine never touches the file system itself,
 * so an editor can serve unsaved buffers and tests can serve strings.
 */
@FunctionalInterface
public interface SourceProvider {

    /** The text of the file at {@code path}, or empty when there is no such readable file. */
    Optional<String> read(Path path);

    /** Files held in memory, keyed by normalized path. */
    static SourceProvider of(Map<Path, String> files) {
        Map<Path, String> copy = new java.util.HashMap<>();
        files.forEach((path, text) -> copy.put(path.normalize(), text));
        return path -> Optional.ofNullable(copy.get(path.normalize()));
    }

    /** This provider with each answer remembered, for a batch run over files that do not change. */
    default SourceProvider memoized() {
        ConcurrentHashMap<Path, Optional<String>> answers = new ConcurrentHashMap<>();
        return path -> answers.computeIfAbsent(path, this::read);
    }
}
