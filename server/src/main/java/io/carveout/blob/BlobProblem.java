package io.carveout.blob;

/** Why a blob is not read: what is wrong and at which byte of the file. */
public record BlobProblem(String what, long offset) {
    /** As the command line prints it: {@code board.dtb: error: what (at offset 0x28)}. */
    public String message(String file) {
        return file + ": error: " + what + String.format(" (at offset 0x%x)", offset);
    }
}
