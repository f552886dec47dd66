package io.carveout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code carveout} command: parses the arguments and hands over to one subcommand. */
@Command(
        name = "carveout",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Checks Linux devicetree sources against the physical memory map.",
        subcommands = {ParseCommand.class, CheckCommand.class, MapCommand.class, FormatCommand.class, LspCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status for a usage or I/O failure, as compilers use it. */
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Main());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("carveout: " + ex.getMessage());
            return EXIT_USAGE;
        });
        int status = line.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to the unknown version
        }
        return properties.getProperty("version", "unknown");
    }

    /** Reports the version recorded at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"carveout " + version()};
        }
    }
}
