package io.carveout.preprocess;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** One place an include name is looked up in, as one {@code -I} option is for cpp. */
public sealed interface SearchRoot {

    /** The path {@code name} would have under this root, if the root can hold it at all. */
    Optional<Path> locate(String name);

    /** A folder: {@code name} is looked up below it. */
    record Directory(Path dir) implements SearchRoot {
        @Override
        public Optional<Path> locate(String name) {
            try {
                return Optional.of(dir.resolve(name).normalize());
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * A folder of links such as the kernel's {@code scripts/dtc/include-prefixes}, given as the
     * targets themselves: {@code <prefix/rest>} is looked up as {@code target/rest}, so included
     * files keep the path the user edits rather than the path through the link.
     */
    record Alias(String prefix, Path target) implements SearchRoot {
        @Override
        public Optional<Path> locate(String name) {
            if (!name.startsWith(prefix + "/")) {
                return Optional.empty();
            }
            try {
                return Optional.of(target.resolve(name.substring(prefix.length() + 1)).normalize());
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
    }
}
