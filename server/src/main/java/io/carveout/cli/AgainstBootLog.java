package io.carveout.cli;

import io.carveout.memory.check.MemoryReport;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code carveout map BOARD.dts --boot-log dmesg.txt}. */
final class AgainstBootLog {
    private AgainstBootLog() {
    }

    static int print(MemoryReport report, SourceLocations locations, Path log, PrintWriter out, PrintWriter err) {
        err.println("carveout: --boot-log is not done yet");
        return Main.EXIT_USAGE;
    }
}
