package io.carveout.preprocess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
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

    /**
     * What is known of the file at {@code path} without reading it: where it really is, links
     * resolved, and its size in bytes; empty when there is no such file. A provider without links
     * answers the path itself.
     */
    default Optional<FileFacts> facts(Path path) {
        return read(path).map(text -> new FileFacts(path.toAbsolutePath().normalize(),
                text.getBytes(StandardCharsets.UTF_8).length));
    }

    /**
     * At most {@code length} bytes of the file from {@code offset}, for {@code /incbin/}; callers
     * check the size first through {@link #facts}, so that only the slice asked for is read.
     */
    default Optional<byte[]> bytes(Path path, long offset, int length) {
        return read(path).map(text -> {
            byte[] all = text.getBytes(StandardCharsets.UTF_8);
            int from = (int) Math.min(all.length, Math.max(0, offset));
            return Arrays.copyOfRange(all, from, (int) Math.min(all.length, (long) from + Math.max(0, length)));
        });
    }

    /**
     * Why the file at {@code path}, which exists, is not read (it lies outside the roots files are
     * read from, or is too large); empty when it is read or there is no such file. The answer names
     * no more of the file than the path the user wrote.
     */
    default Optional<String> refusal(Path path) {
        return Optional.empty();
    }

    /** Where a file really is and how large it is. */
    record FileFacts(Path realPath, long size) {}

    /** Files held in memory, keyed by normalized path. */
    static SourceProvider of(Map<Path, String> files) {
        Map<Path, String> copy = new java.util.HashMap<>();
        files.forEach((path, text) -> copy.put(path.normalize(), text));
        return path -> Optional.ofNullable(copy.get(path.normalize()));
    }

    /** This provider with each answer remembered, for a batch run over files that do not change. */
    default SourceProvider memoized() {
        SourceProvider base = this;
        ConcurrentHashMap<Path, Optional<String>> answers = new ConcurrentHashMap<>();
        ConcurrentHashMap<Path, Optional<FileFacts>> facts = new ConcurrentHashMap<>();
        return new SourceProvider() {
            @Override
            public Optional<String> read(Path path) {
                return answers.computeIfAbsent(path, base::read);
            }

            @Override
            public Optional<FileFacts> facts(Path path) {
                return facts.computeIfAbsent(path, base::facts);
            }

            @Override
            public Optional<byte[]> bytes(Path path, long offset, int length) {
                return base.bytes(path, offset, length);
            }
        };
    }
}
