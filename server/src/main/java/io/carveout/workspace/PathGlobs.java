package io.carveout.workspace;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Globs of files as the settings give them ({@code baseline}, {@code boards}): a glob names a
 * file by its absolute path, by its path relative to the folder of the settings file, or by
 * its name alone, so that a setting reads the same in .carveout.json and on any machine.
 */
final class PathGlobs {
    private PathGlobs() {
    }

    /** Whether a file matches any of the globs. */
    static Predicate<Path> any(List<String> globs, Optional<Path> folder) {
        List<Predicate<Path>> each = each(globs, folder);
        return p -> each.stream().anyMatch(m -> m.test(p));
    }

    /** One test per glob, in the order given. A glob that is not valid matches nothing. */
    static List<Predicate<Path>> each(List<String> globs, Optional<Path> folder) {
        return globs.stream().map(g -> one(g, folder)).toList();
    }

    private static Predicate<Path> one(String glob, Optional<Path> folder) {
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) { // a PatternSyntaxException: not a glob
            return p -> false;
        }
        return p -> {
            Path absolute = p.toAbsolutePath().normalize();
            Path relative = folder.filter(absolute::startsWith).map(f -> f.relativize(absolute)).orElse(absolute);
            return matcher.matches(absolute) || matcher.matches(relative)
                    || (absolute.getFileName() != null && matcher.matches(absolute.getFileName()));
        };
    }
}
