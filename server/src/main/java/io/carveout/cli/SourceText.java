package io.carveout.cli;

import io.carveout.preprocess.FileSystemSources;
import io.carveout.text.BinaryText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a source file for the command line: UTF-8, with undecodable bytes replaced rather than refused. */
final class SourceText {
    private SourceText() {
    }

    static String read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        // refused from its size, before a byte is read
        if (Files.size(file) > FileSystemSources.MAX_FILE_BYTES) {
            throw new IOException(FileSystemSources.TOO_LARGE);
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** Why a file named on the command line cannot be taken through the front end, if it cannot. */
    static Optional<String> unreadable(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of(Files.exists(file) ? "not a regular file" : "no such file");
        }
        try {
            return Files.size(file) > FileSystemSources.MAX_FILE_BYTES ? Optional.of(FileSystemSources.TOO_LARGE) : Optional.empty();
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
    }

    /** Whether a file is binary (a NUL byte in its first bytes, as git tells), read no further than that. */
    static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(BinaryText.SNIFF);
            return BinaryText.looksBinary(head, head.length);
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
