package io.carveout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the carveout command in this JVM: its exit status and what it printed, line ends as '\n'. */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(status, out.toString().replace("\r\n", "\n"), err.toString());
    }
}
