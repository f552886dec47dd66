package io.carveout.cli;

import io.carveout.blob.Blob;
import io.carveout.blob.FdtReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A flattened devicetree named on the command line: a .dtb, a .dtbo, or /sys/firmware/fdt of a
 * running system, known by its magic number whatever its name.
 */
final class BlobInput {
    /** Far above any devicetree blob (the kernel's own limit for one is 2 MiB); a larger file is not one. */
    static final long MAX_BYTES = 64L << 20;

    private BlobInput() {
    }

    /** Whether the file begins with the FDT magic 0xd00dfeed. */
    static boolean isBlob(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return FdtReader.hasMagic(in.readNBytes(4));
        } catch (IOException e) {
            return false;
        }
    }

    /** The blob read, or empty after one line on {@code err} that says what is wrong with it. */
    static Optional<Blob> read(Path file, PrintWriter err) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // sysfs reports no size for some files: read up to the limit rather than trust it
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            err.println(file + ": error: cannot read file: " + e.getMessage());
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            err.println(file + ": error: larger than " + (MAX_BYTES >> 20) + " MiB: not a devicetree blob");
            return Optional.empty();
        }
        FdtReader.Result result = FdtReader.read(file.toAbsolutePath().normalize(), bytes);
        if (result instanceof FdtReader.Refused refused) {
            err.println(refused.problem().message(file.toString()));
            return Optional.empty();
        }
        return Optional.of(((FdtReader.Read) result).blob());
    }
}
