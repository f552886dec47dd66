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
    /** Where files really are, kept like their texts: every compilation asks for each file it looks up. */
    private final Map<Path, Optional<FileFacts>> facts = new ConcurrentHashMap<>();
    private final SourceProvider files;
    /** Counts the changes of texts (opened, edited, closed, changed on disk), so a snapshot knows it is behind. */
    private final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();

    /** The texts as they are now: the same view a snapshot takes, over the live open documents. */
    private final SourceProvider live;

    public OpenDocuments(SourceProvider files) {
        this.files = files;
        this.live = over(open);
    }

    public OpenDocuments() {
        this(new FileSystemSources());
    }

    @Override
    public Optional<String> read(Path path) {
        return live.read(path);
    }

    /**
     * Where the file is on disk (an open document not yet saved is where the editor says), and
     * the size of the text read: for an open document, its own length in characters, the measure
     * the parser's limit is in.
     */
    @Override
    public Optional<FileFacts> facts(Path path) {
        return live.facts(path);
    }

    /** {@code /incbin/} reads the file on disk, as dtc would. */
    @Override
    public Optional<byte[]> bytes(Path path, long offset, int length) {
        return files.bytes(path.toAbsolutePath().normalize(), offset, length);
    }

    public void open(Path path, String text) {
        open.put(path.toAbsolutePath().normalize(), text);
        revision.incrementAndGet();
    }

    /** How many times the texts changed: a snapshot taken at one revision is behind at the next. */
    public long revision() {
        return revision.get();
    }

    /** The open documents' texts as they are now. */
    public Map<Path, String> openTexts() {
        return Map.copyOf(open);
    }

    /**
     * The texts as a snapshot sees them: the given open documents' texts over the files on disk,
     * whose texts are shared with every snapshot until a file changes on disk.
     */
    public SourceProvider over(Map<Path, String> openTexts) {
        OpenDocuments disk = this;
        return new SourceProvider() {
            @Override
            public Optional<String> read(Path path) {
                Path key = path.toAbsolutePath().normalize();
                String text = openTexts.get(key);
                return text != null ? Optional.of(text) : disk.disk.computeIfAbsent(key, disk.files::read);
            }

            @Override
            public Optional<FileFacts> facts(Path path) {
                Path key = path.toAbsolutePath().normalize();
                Optional<FileFacts> onDisk = disk.facts.computeIfAbsent(key, disk.files::facts);
                String text = openTexts.get(key);
                if (text == null) {
                    return onDisk;
                }
                return Optional.of(new FileFacts(onDisk.map(FileFacts::realPath).orElse(key), text.length()));
            }

            @Override
            public Optional<byte[]> bytes(Path path, long offset, int length) {
                return disk.bytes(path, offset, length);
            }
        };
    }

    public void close(Path path) {
        Path key = path.toAbsolutePath().normalize();
        open.remove(key);
        disk.remove(key);
        facts.remove(key);
        revision.incrementAndGet();
    }

    public boolean isOpen(Path path) {
        return open.containsKey(path.toAbsolutePath().normalize());
    }

    /** The file changed on disk (saved, created, deleted by another program). */
    public void changedOnDisk(Path path) {
        Path key = path.toAbsolutePath().normalize();
        disk.remove(key);
        facts.remove(key);
        revision.incrementAndGet();
    }
}
