package io.carveout.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the include paths a file needs by looking at the tree it lives in, as the kernel's and
 * Zephyr's builds would pass them; the only part of preprocessing that looks at the file system
 * on its own.
 */
public final class IncludePaths {

    private IncludePaths() {}

    /** The kind of source tree a file was found in. */
    public enum Tree {
        LINUX,
        ZEPHYR,
        NONE
    }

    /** What discovery found: the search order to use, and the tree and its root for reporting. */
    public record Discovery(IncludeSearch search, Tree tree, Optional<Path> root) {}

    /**
     * The search for {@code file}: the settings' extra paths first (so they override), then the
     * tree's own. The including file's folder needs no entry: the quote form always looks there
     * first.
     */
    public static Discovery discover(Path file, List<Path> extraIncludePaths) {
        Path absolute = file.toAbsolutePath().normalize();
        List<SearchRoot> roots = new ArrayList<>();
        for (Path extra : extraIncludePaths) {
            roots.add(new SearchRoot.Directory(extra.toAbsolutePath().normalize()));
        }
        for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
            if (isLinuxRoot(dir)) {
                roots.addAll(linuxRoots(dir, absolute));
                return new Discovery(new IncludeSearch(roots), Tree.LINUX, Optional.of(dir));
            }
            if (isZephyrRoot(dir)) {
                roots.addAll(zephyrRoots(dir, absolute));
                return new Discovery(new IncludeSearch(roots), Tree.ZEPHYR, Optional.of(dir));
            }
        }
        return new Discovery(new IncludeSearch(roots), Tree.NONE, Optional.empty());
    }

    /**
     * The board's own tree, from which its files may be read: the kernel or Zephyr tree discovery
     * found, else the repository the file is in (the nearest folder holding {@code .git}), else the
     * file's own folder.
     */
    public static Path ownTree(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        Path repository = null;
        for (Path dir = folder; dir != null; dir = dir.getParent()) {
            if (isLinuxRoot(dir) || isZephyrRoot(dir)) {
                return dir;
            }
            if (repository == null && Files.exists(dir.resolve(".git"))) {
                repository = dir;
            }
        }
        return repository != null ? repository : folder;
    }

    static boolean isLinuxRoot(Path dir) {
        return Files.isDirectory(dir.resolve("include/dt-bindings")) && !archDts(dir).isEmpty();
    }

    static boolean isZephyrRoot(Path dir) {
        return Files.isDirectory(dir.resolve("dts/common"))
                && (Files.isDirectory(dir.resolve("include/zephyr"))
                        || Files.isDirectory(dir.resolve("dts/bindings")));
    }

    /** Every {@code arch/<arch>/boot/dts} folder, by arch name. */
    private static Map<String, Path> archDts(Path root) {
        Map<String, Path> result = new LinkedHashMap<>();
        Path arch = root.resolve("arch");
        if (!Files.isDirectory(arch)) {
            return result;
        }
        try (Stream<Path> children = Files.list(arch)) {
            children.sorted().forEach(child -> {
                Path dts = child.resolve("boot/dts");
                if (Files.isDirectory(dts)) {
                    result.put(child.getFileName().toString(), dts);
                }
            });
        } catch (IOException | SecurityException e) {
            // an unreadable arch folder only means fewer paths
        }
        return result;
    }

    private static List<SearchRoot> linuxRoots(Path root, Path file) {
        List<SearchRoot> roots = new ArrayList<>();
        roots.add(new SearchRoot.Directory(root.resolve("include")));
        Path relative = root.relativize(file);
        Map<String, Path> arches = archDts(root);
        if (relative.getNameCount() > 2 && relative.getName(0).toString().equals("arch")) {
            Path own = arches.get(relative.getName(1).toString());
            if (own != null) {
                roots.add(new SearchRoot.Directory(own));
            }
        }
        roots.addAll(includePrefixes(root, arches));
        return roots;
    }

    /**
     * {@code scripts/dtc/include-prefixes} as aliases to the link targets; when a link is missing or
     * does not resolve (a copy that lost its symlinks), the kernel's own mapping instead.
     */
    private static List<SearchRoot> includePrefixes(Path root, Map<String, Path> arches) {
        Map<String, Path> aliases = new LinkedHashMap<>();
        Path prefixes = root.resolve("scripts/dtc/include-prefixes");
        if (Files.isDirectory(prefixes)) {
            try (Stream<Path> children = Files.list(prefixes)) {
                children.sorted().forEach(child -> {
                    if (Files.isDirectory(child)) {
                        try {
                            aliases.put(child.getFileName().toString(), child.toRealPath());
                        } catch (IOException | SecurityException e) {
                            // treated like a link that does not resolve
                        }
                    }
                });
            } catch (IOException | SecurityException e) {
                // fall back to the kernel's mapping below
            }
        }
        arches.forEach(aliases::putIfAbsent);
        Path bindings = root.resolve("include/dt-bindings");
        if (Files.isDirectory(bindings)) {
            aliases.putIfAbsent("dt-bindings", bindings);
        }
        List<SearchRoot> roots = new ArrayList<>();
        aliases.forEach((prefix, target) -> roots.add(new SearchRoot.Alias(prefix, target)));
        return roots;
    }

    private static List<SearchRoot> zephyrRoots(Path root, Path file) {
        List<SearchRoot> roots = new ArrayList<>();
        roots.add(new SearchRoot.Directory(root.resolve("include")));
        if (Files.isDirectory(root.resolve("include/zephyr"))) {
            roots.add(new SearchRoot.Directory(root.resolve("include/zephyr")));
        }
        roots.add(new SearchRoot.Directory(root.resolve("dts/common")));
        for (Path arch : zephyrArches(root, file)) {
            roots.add(new SearchRoot.Directory(arch));
        }
        roots.add(new SearchRoot.Directory(root.resolve("dts")));
        return roots;
    }

    /**
     * The {@code dts/<arch>} folder the file belongs to: the one it lives under, or the one named
     * like a folder on its path (the old {@code boards/<arch>/} layout); failing both, all of them,
     * since a board file elsewhere may include from any.
     */
    private static List<Path> zephyrArches(Path root, Path file) {
        Path dts = root.resolve("dts");
        List<Path> all = new ArrayList<>();
        try (Stream<Path> children = Files.list(dts)) {
            children.filter(Files::isDirectory)
                    .filter(p -> !List.of("common", "bindings", "vendor").contains(p.getFileName().toString()))
                    .sorted()
                    .forEach(all::add);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        Path relative = root.relativize(file);
        for (Path arch : all) {
            String name = arch.getFileName().toString();
            for (Path part : relative) {
                if (part.toString().equals(name)) {
                    return List.of(arch);
                }
            }
        }
        return all;
    }
}
