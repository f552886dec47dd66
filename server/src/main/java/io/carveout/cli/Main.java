package io.carveout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code carveout} command: parses the arguments and hands over to one subcommand. Every
 * command that reads sources exits as a compiler does, with the statuses of {@link #EXIT_CLEAN},
 * {@link #EXIT_ERRORS} and {@link #EXIT_USAGE}, listed once here for the help of each.
 */
@Command(
        name = "carveout",
        mixinStandardHelpOptions = true,
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        versionProvider = Main.Version.class,
        header = "Checks Linux devicetree sources against the physical memory map.",
        description = "Reads the tree the kernel will see (includes, macros, &label overrides, deletes) and reports "
                + "what otherwise shows up only at boot: overlapping /reserved-memory regions, misaligned CMA pools, "
                + "a board that takes bytes back from firmware-protected memory.",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.STATUS_CLEAN, Main.STATUS_ERRORS, Main.STATUS_USAGE},
        subcommands = {ParseCommand.class, CheckCommand.class, MapCommand.class, FormatCommand.class, LspCommand.class,
                CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class Main implements Callable<Integer> {
    /** Exit status when nothing at error level was found (warnings and notes allowed). */
    static final int EXIT_CLEAN = 0;
    /** Exit status when at least one finding is at error level. */
    static final int EXIT_ERRORS = 1;
    /** Exit status for a usage or input failure (an unknown option, a file or settings that cannot be read). */
    static final int EXIT_USAGE = 2;

    // The exit statuses as the help of each command lists them (picocli's "status:text" form).
    static final String STATUS_CLEAN = "0:nothing at error level (warnings and notes allowed)";
    static final String STATUS_ERRORS = "1:at least one finding at error level";
    static final String STATUS_USAGE = "2:a usage or input error: an unknown option or rule, a file that cannot "
            + "be read, a bad .carveout.json, a git revision that does not exist";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether a long command may show its progress on stderr: only when stderr is a terminal. */
    final boolean progress;

    Main(boolean progress) {
        this.progress = progress;
    }

    /** For tools that build the command from its class (the man page generator): no progress. */
    Main() {
        this(false);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Progress.stderrIsTerminal()));
    }

    /** Runs the command with the given streams and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    /** The same, with a progress line on {@code err} for a long check when {@code progress}. */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean progress) {
        CommandLine line = new CommandLine(new Main(progress));
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

    /** Bare {@code carveout} is a usage error: the usage goes to stderr, as for an unknown command. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("carveout: missing command");
        spec.commandLine().usage(err);
        return EXIT_USAGE;
    }

    /** Exit status of a command that found {@code findings}: 1 when one is at error level. */
    static int status(java.util.Collection<io.carveout.finding.Finding> findings) {
        return findings.stream().anyMatch(io.carveout.finding.Finding::isError) ? EXIT_ERRORS : EXIT_CLEAN;
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
