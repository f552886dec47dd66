package io.carveout.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One line on stderr that says how far a long check has come ("checking 12/40 boards: x.dts"),
 * rewritten in place with a carriage return and wiped at the end. Only on a terminal: a log or a
 * pipe gets nothing, so CI output and redirected stderr stay as they were.
 */
final class Progress {
    private final boolean shown;
    private final PrintWriter err;
    private final String what;
    private final int total;
    private int done;
    private int width;

    Progress(boolean terminal, PrintWriter err, String what, int total) {
        // one file is over before a line would help
        this.shown = terminal && total > 1;
        this.err = err;
        this.what = what;
        this.total = total;
    }

    /** The next file is being checked. */
    void at(Path file) {
        done++;
        if (shown) {
            write("checking " + done + "/" + total + " " + what + ": " + file.getFileName());
        }
    }

    /** Wipes the line, so that what is printed next starts on a clean one. */
    void done() {
        if (shown && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }

    private void write(String line) {
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /**
     * Whether the process's stderr is a terminal. Java has no isatty: on Linux the link of file
     * descriptor 2 says it (/dev/pts/N, /dev/ttyN); elsewhere a console means stdin and stdout are
     * a terminal, and stderr then almost always is one too.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException e) {
            // no answer from /proc: ask the console
        }
        return System.console() != null;
    }
}
