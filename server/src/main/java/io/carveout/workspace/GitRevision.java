package io.carveout.workspace;

import io.carveout.preprocess.SourceProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The files of a git repository as they were at a revision ({@code git show REV:path}), served
 * as a {@link SourceProvider}: the golden memory map that {@code carveout check --baseline REV}
 * compares a board against. A file outside any repository, or absent at the revision, is absent.
 */
public final class GitRevision implements SourceProvider {
    private final String revision;
    private final Map<Path, Optional<Path>> roots = new ConcurrentHashMap<>();
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
        Optional<String> out = git(root.get(), List.of("rev-parse", "--verify", "--quiet", revision + "^{commit}"));
        return out.isPresent() ? Optional.empty() : Optional.of("no revision " + revision + " in " + root.get());
    }

    @Override
    public Optional<String> read(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return texts.computeIfAbsent(absolute, p -> root(p.getParent()).flatMap(root -> {
            String relative = root.relativize(p).toString().replace('\\', '/');
            return git(root, List.of("show", revision + ":" + relative));
        }));
    }

    private Optional<Path> root(Path directory) {
        if (directory == null) {
            return Optional.empty();
        }
        return roots.computeIfAbsent(directory, d -> git(d, List.of("rev-parse", "--show-toplevel"))
                .map(s -> Path.of(s.strip()).toAbsolutePath().normalize()));
    }

    private static Optional<String> git(Path directory, List<String> arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                out = buffer.toByteArray();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
