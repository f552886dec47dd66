package io.carveout.preprocess;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one {@link SourceProvider} that reads the real file system; kept apart from the engine so
 * that everything else in the package stays free of I/O.
 */
public final class FileSystemSources implements SourceProvider {

    @Override
    public Optional<String> read(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(path);
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
}
