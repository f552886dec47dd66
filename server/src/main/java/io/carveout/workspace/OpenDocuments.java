package io.carveout.workspace;

import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * File texts as the editor sees them: an open document's text wins over the file on
 * disk; files that are not open are read from disk once and kept until they change.
 */
public final class OpenDocuments implements SourceProvider {
    private final Map<Path, String> open = new ConcurrentHashMap<>();
    private final Map<Path, Optional<String>> disk = new ConcurrentHashMap<>();
    private final SourceProvider files;

    public OpenDocuments(SourceProvider files) {
        this.files = files;
    }

    public OpenDocuments() {
        this(new FileSystemSources());
    }

    @Override
    public Optional<String> read(Path path) {
        Path key = path.toAbsolutePath().normalize();
        String text = open.get(key);
        if (text != null) {
            return Optional.of(text);
        }
        return disk.computeIfAbsent(key, files::read);
    }

    public void open(Path path, String text) {
        open.put(path.toAbsolutePath().normalize(), text);
    }

    public void close(Path path) {
        Path key = path.toAbsolutePath().normalize();
        open.remove(key);
        disk.remove(key);
    }

    public boolean isOpen(Path path) {
        return open.containsKey(path.toAbsolutePath().normalize());
    }

    /** The file changed on disk (saved, created, deleted by another program). */
    public void changedOnDisk(Path path) {
        disk.remove(path.toAbsolutePath().normalize());
    }
}
