package io.carveout.preprocess;

import io.carveout.syntax.SyntaxTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one {@link SourceProvider} that reads the real file system; kept apart from the engine so
 * that everything else in the package stays free of I/O. It never reads more than
 * {@link #MAX_FILE_BYTES} of one file: a larger file is refused from its size.
 */
public final class FileSystemSources implements SourceProvider {

    /** As much as the parser analyses; a file larger than this is not read at all. */
    public static final long MAX_FILE_BYTES = SyntaxTree.MAX_FILE_CHARS;

    /** Why a file over the limit is not read, wherever it is named (the CLI, #include, /incbin/). */
    public static final String TOO_LARGE = "larger than the " + MAX_FILE_BYTES / (1024 * 1024) + " MiB limit: not read";

    @Override
    public Optional<String> read(Path path) {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                // a file whose size says nothing (such as those under /proc) is still read no further
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            // bad UTF-8 must not lose the file: cpp reads bytes, so replace rather than fail
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<FileFacts> facts(Path path) {
        try {
            Path real = path.toRealPath();
            return Optional.of(new FileFacts(real, Files.isRegularFile(real) ? Files.size(real) : 0));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<byte[]> bytes(Path path, long offset, int length) {
        if (length < 0 || length > MAX_FILE_BYTES || offset < 0) {
            return Optional.empty();
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long size = file.length();
            int count = (int) Math.max(0, Math.min(length, size - Math.min(offset, size)));
            byte[] slice = new byte[count];
            file.seek(Math.min(offset, size));
            file.readFully(slice);
            return Optional.of(slice);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
