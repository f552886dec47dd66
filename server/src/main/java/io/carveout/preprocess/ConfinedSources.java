package io.carveout.preprocess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one rule for files: a file is read only when it really lies, links resolved, under one of
 * the roots (the workspace folders, the include paths, the board's own tree), and is not larger
 * than the parser analyses. Anything else reads as missing, and {@link #refusal} says why, so
 * that no byte of a file outside the roots reaches any output. The roots are data; where a path
 * really is comes from the provider below ({@link SourceProvider#facts}), so this stays free of
 * I/O. One instance serves one compilation: answers are kept while it lives.
 */
public final class ConfinedSources implements SourceProvider {

    static final String OUTSIDE = "outside the workspace and include paths: not read";

    private final SourceProvider base;
    private final List<Path> roots;
    /** The roots as given, before links are resolved: what a path that does not exist is compared with. */
    private final List<Path> givenRoots;
    private final ConcurrentHashMap<Path, Optional<FileFacts>> facts = new ConcurrentHashMap<>();

    public ConfinedSources(SourceProvider base, List<Path> roots) {
        this.base = base;
        List<Path> real = new ArrayList<>();
        List<Path> given = new ArrayList<>();
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            given.add(absolute);
            real.add(base.facts(absolute).map(FileFacts::realPath).orElse(absolute));
        }
        this.roots = List.copyOf(real);
        this.givenRoots = List.copyOf(given);
    }

    public List<Path> roots() {
        return roots;
    }

    @Override
    public Optional<String> read(Path path) {
        return refusal(path).isPresent() ? Optional.empty() : base.read(path);
    }

    @Override
    public Optional<String> refusal(Path path) {
        Optional<FileFacts> found = facts.computeIfAbsent(path, base::facts);
        if (found.isEmpty()) {
            // Nothing there: said the same way as for a file that exists, so that the answer
            // does not tell whether a file outside exists.
            Path absolute = path.toAbsolutePath().normalize();
            return admits(absolute, roots) || admits(absolute, givenRoots) ? Optional.empty() : Optional.of(OUTSIDE);
        }
        if (!admits(found.get().realPath(), roots)) {
            return Optional.of(OUTSIDE);
        }
        return found.get().size() > FileSystemSources.MAX_FILE_BYTES ? Optional.of(FileSystemSources.TOO_LARGE) : Optional.empty();
    }

    /** Facts only for files that may be read: even the size of another file stays unknown. */
    @Override
    public Optional<FileFacts> facts(Path path) {
        Optional<FileFacts> found = facts.computeIfAbsent(path, base::facts);
        return found.filter(f -> admits(f.realPath(), roots));
    }

    @Override
    public Optional<byte[]> bytes(Path path, long offset, int length) {
        return facts(path).isPresent() ? base.bytes(path, offset, length) : Optional.empty();
    }

    private static boolean admits(Path realPath, List<Path> roots) {
        for (Path root : roots) {
            if (realPath.startsWith(root)) {
                return true;
            }
        }
        return false;
    }
}
