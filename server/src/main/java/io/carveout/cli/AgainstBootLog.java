package io.carveout.cli;

import io.carveout.memory.check.BootLogCheck;
import io.carveout.memory.check.MemoryReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code carveout map BOARD.dts --boot-log dmesg.txt}: the kernel's reserved-memory lines against the prediction. */
final class AgainstBootLog {
    /** A kernel log of a boot is a few MiB at most; more is not read. */
    private static final long MAX_BYTES = 256L << 20;

    private AgainstBootLog() {
    }

    /** Prints the comparison; 0 when the log agrees with the prediction, 1 when not, 2 when the log cannot be read. */
    static int print(MemoryReport report, SourceLocations locations, Path log, PrintWriter out, PrintWriter err) {
        String text;
        try {
            if (Files.size(log) > MAX_BYTES) {
                err.println(log + ": error: larger than " + (MAX_BYTES >> 20) + " MiB: not read as a boot log");
                return Main.EXIT_USAGE;
            }
            // a capture from a serial console may hold any bytes: they are read, never refused
            text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            err.println(log + ": error: cannot read file: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        BootLogCheck.Result result = BootLogCheck.compare(report, text);
        out.println(log + ": " + result.entries() + " reserved-memory lines"
                + (result.everyRegionLogged() ? "" : " (a kernel before v6.3 logs dynamic pools and failures, not every"
                        + " region)"));
        for (BootLogCheck.Line line : result.lines()) {
            String where = (line.logLine() > 0 ? "  " + log.getFileName() + ":" + line.logLine() : "")
                    + (line.place() == null ? "" : "  " + locations.describe(line.place()));
            out.println(String.format("%-11s %s", line.verdict(), line.text()) + where);
        }
        if (result.lines().isEmpty()) {
            out.println("nothing to compare: the log has no reserved-memory line the check predicts");
        }
        return result.agrees() ? 0 : 1;
    }
}
