package io.carveout.workspace;

import io.carveout.preprocess.SourceProvider;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The files of a git repository as they were at a revision, served as a {@link SourceProvider}:
 * the golden memory map that {@code carveout check --baseline REV} compares a board against. A
 * file outside any repository, or absent at the revision, is absent.
 *
 * <p>The revision is read straight from the object database (JGit: resolve the revision, walk
 * its tree to the path, read the blob), never by running {@code git}: a repository's own
 * configuration can name commands (hooks, {@code core.fsmonitor}, {@code core.sshCommand} for
 * the lazy fetch of a partial clone, smudge filters, textconv) and a checked tree may hold a
 * repository someone else configured. Nothing here runs a command, applies a filter or fetches:
 * a blob the repository does not have is absent.
 */
public final class GitRevision implements SourceProvider, AutoCloseable {
    /** A blob larger than this is not a devicetree source; it is not loaded into memory. */
    private static final long LARGEST_BLOB = 64L << 20;

    static {
        Isolated.install();
    }

    private final String revision;
    private final Map<Path, Optional<Path>> roots = new ConcurrentHashMap<>();
    private final Map<Path, Opened> repositories = new ConcurrentHashMap<>();
    private final Map<Path, Optional<String>> texts = new ConcurrentHashMap<>();

    public GitRevision(String revision) {
        this.revision = revision;
    }

    public String revision() {
        return revision;
    }

    /** Why the revision cannot be used in the repository holding {@code file}, or empty when it can. */
    public Optional<String> problem(Path file) {
        Optional<Path> root = root(file.toAbsolutePath().normalize().getParent());
        if (root.isEmpty()) {
            return Optional.of(file + " is not in a git repository");
        }
        Opened opened = open(root.get());
        if (opened.problem() != null) {
            return Optional.of(opened.problem());
        }
        return opened.tree() != null ? Optional.empty()
                : Optional.of("no revision " + revision + " in " + root.get());
    }

    @Override
    public Optional<String> read(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return texts.computeIfAbsent(absolute, p -> root(p.getParent()).flatMap(root -> {
            Opened opened = open(root);
            if (opened.tree() == null) {
                return Optional.empty();
            }
            String relative = root.relativize(p).toString().replace(File.separatorChar, '/');
            return blob(opened, relative);
        }));
    }

    @Override
    public void close() {
        repositories.values().forEach(opened -> {
            if (opened.repository() != null) {
                opened.repository().close();
            }
        });
        repositories.clear();
    }

    /** The folder holding the {@code .git} of the repository that holds {@code directory}. */
    private Optional<Path> root(Path directory) {
        if (directory == null) {
            return Optional.empty();
        }
        Optional<Path> known = roots.get(directory);
        if (known != null) {
            return known;
        }
        // a .git folder, or a .git file pointing at one (worktrees, submodules)
        Path dotGit = directory.resolve(Constants.DOT_GIT);
        Optional<Path> root = Files.isDirectory(dotGit) || Files.isRegularFile(dotGit)
                ? Optional.of(directory)
                : root(directory.getParent());
        roots.put(directory, root);
        return root;
    }

    /** The repository at {@code root} with the tree of the revision, or why it cannot be read. */
    private record Opened(Repository repository, ObjectId tree, String problem) {
    }

    private Opened open(Path root) {
        return repositories.computeIfAbsent(root, r -> {
            Repository repository;
            try {
                repository = new FileRepositoryBuilder().setWorkTree(r.toFile()).setMustExist(true).build();
            } catch (IOException | IllegalArgumentException e) {
                return new Opened(null, null, "cannot read the git repository in " + r + ": " + e.getMessage());
            }
            try (RevWalk walk = new RevWalk(repository)) {
                ObjectId commit = repository.resolve(revision + "^{commit}");
                return new Opened(repository, commit == null ? null : walk.parseCommit(commit).getTree(), null);
            } catch (IOException | RevisionSyntaxException e) {
                // no such revision: it does not parse, is ambiguous, or names an object the repository
                // lacks (a partial clone's, which is not fetched)
                return new Opened(repository, null, null);
            }
        });
    }

    private static Optional<String> blob(Opened opened, String relative) {
        try (ObjectReader reader = opened.repository().newObjectReader();
                TreeWalk walk = TreeWalk.forPath(reader, relative, opened.tree())) {
            // only files: a symbolic link's blob is its target's name, a submodule is another repository
            if (walk == null || (walk.getFileMode(0) != FileMode.REGULAR_FILE
                    && walk.getFileMode(0) != FileMode.EXECUTABLE_FILE)) {
                return Optional.empty();
            }
            ObjectLoader loader = reader.open(walk.getObjectId(0), Constants.OBJ_BLOB);
            if (loader.getSize() > LARGEST_BLOB) {
                return Optional.empty();
            }
            byte[] bytes = loader.getCachedBytes((int) LARGEST_BLOB);
            // as for the working files: cpp reads bytes, so bad UTF-8 is replaced rather than lost
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (IOException | LargeObjectException e) {
            // a missing object (a partial clone's, never fetched), a corrupt pack, a path git cannot hold
            return Optional.empty();
        }
    }

    /**
     * JGit with the machine's git configuration left out: reading objects needs none of it, and
     * JGit would otherwise run {@code git} to find the system configuration and write probe files
     * into the repository to measure the file system's timestamp resolution (taken here as the
     * coarsest, which only makes JGit re-check files it has cached).
     */
    private static final class Isolated extends SystemReader.Delegate {
        private Isolated(SystemReader delegate) {
            super(delegate);
        }

        static synchronized void install() {
            if (!(SystemReader.getInstance() instanceof Isolated)) {
                SystemReader.setInstance(new Isolated(SystemReader.getInstance()));
            }
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new Empty(parent, fs);
        }
    }

    /** A configuration with nothing in it, never read from nor written to a file. */
    private static final class Empty extends FileBasedConfig {
        private static final long TIMESTAMP_RESOLUTION = FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION.toNanos();

        Empty(Config parent, FS fs) {
            super(parent, null, fs);
        }

        @Override
        public void load() {
        }

        @Override
        public void save() {
        }

        @Override
        public boolean isOutdated() {
            return false;
        }

        @Override
        public long getTimeUnit(String section, String subsection, String name, long defaultValue,
                TimeUnit wantUnit) {
            if (ConfigConstants.CONFIG_FILESYSTEM_SECTION.equals(section)
                    && ConfigConstants.CONFIG_KEY_TIMESTAMP_RESOLUTION.equals(name)) {
                return wantUnit.convert(TIMESTAMP_RESOLUTION, TimeUnit.NANOSECONDS);
            }
            return super.getTimeUnit(section, subsection, name, defaultValue, wantUnit);
        }
    }
}
