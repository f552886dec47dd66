package io.carveout.preprocess;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered places {@code #include} names are looked up in, plus the rules of dtc's own
 * {@code /include/}; pure: it only computes candidate paths, a {@link SourceProvider} says which
 * exist.
 */
public record IncludeSearch(List<SearchRoot> roots) {

    public IncludeSearch {
        roots = List.copyOf(roots);
    }

    public static IncludeSearch of(List<Path> directories) {
        return new IncludeSearch(directories.stream().<SearchRoot>map(SearchRoot.Directory::new).toList());
    }

    /**
     * A path an include name may resolve to, and which root gave it (-1 for the including file's own
     * folder), which {@code #include_next} continues after.
     */
    public record Candidate(Path path, int root) {}

    /**
     * The paths cpp tries, in order: for the quote form the including file's folder first, then
     * every root from {@code firstRoot}.
     */
    public List<Candidate> candidates(String name, boolean angled, Path includerDir, int firstRoot) {
        List<Candidate> result = new ArrayList<>();
        Path asPath;
        try {
            asPath = Path.of(name);
        } catch (InvalidPathException e) {
            return result;
        }
        if (name.isEmpty()) {
            return result;
        }
        if (asPath.isAbsolute()) {
            result.add(new Candidate(asPath.normalize(), -1));
            return result;
        }
        if (!angled && firstRoot == 0 && includerDir != null) {
            result.add(new Candidate(includerDir.resolve(asPath).normalize(), -1));
        }
        for (int i = Math.max(firstRoot, 0); i < roots.size(); i++) {
            int index = i;
            roots.get(i).locate(name).ifPresent(p -> result.add(new Candidate(p, index)));
        }
        return result;
    }

    /**
     * The paths dtc tries for {@code /include/ "name"} met in {@code includingFile}: that file's
     * folder, then the roots. dtc reads these files itself, without preprocessing.
     */
    public List<Path> dtcCandidates(String name, Path includingFile) {
        Path dir = includingFile.getParent();
        return candidates(name, false, dir, 0).stream().map(Candidate::path).toList();
    }
}
