package io.carveout.cli;

import io.carveout.finding.Finding;
import io.carveout.text.BinaryText;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.workspace.GitRevision;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import io.carveout.workspace.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carveout check FILE...}: every rule of RULES.md on each file, reported as a compiler does. */
@Command(name = "check", mixinStandardHelpOptions = true,
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        header = "Checks each file against the physical memory map, as a compiler reports errors.",
        description = {"Runs every rule of the memory map on the merged tree the kernel will see: overlaps, "
                + "alignment, CMA pools, the firmware baseline and the others of the README's rule table.",
                "%nText output is one line per finding, file:line:col: severity: message [rule], with the other "
                + "places involved, the boards a shared file's finding comes from and the quick-fixes indented "
                + "below it. A finding that several boards share is printed once."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.STATUS_CLEAN, Main.STATUS_ERRORS, Main.STATUS_USAGE})
final class CheckCommand implements Callable<Integer> {
    /** The output formats. */
    enum Format { text, json, sarif, github }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "boards (.dts), SoC files (.dtsi), overlays (.dtso)")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif or github (GitHub Actions annotations) (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--rule", paramLabel = "ID=LEVEL",
            description = "set a rule to off, info, warning or error (repeatable), over the settings")
    List<String> rules = List.of();

    @Option(names = "--baseline", paramLabel = "REV",
            description = "take the firmware baseline from the same files at this git revision")
    String baselineRevision;

    @Option(names = "--board", paramLabel = "B.dts", description = "check each FILE (a .dtsi) inside this board")
    Path board;

    @Option(names = "--overlay", paramLabel = "OVERLAY", description = "an overlay applied on top (repeatable)")
    List<Path> overlays = List.of();

    @Option(names = {"-I", "--include"}, paramLabel = "DIR", description = "an extra include path (repeatable)")
    List<Path> includes = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main parent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Map<String, String>> parsed = RuleLevels.parse(rules, err);
        if (parsed.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        Map<String, String> levels = parsed.get();
        List<Path> inputs = new ArrayList<>(files);
        Optional.ofNullable(board).ifPresent(inputs::add);
        inputs.addAll(overlays);
        boolean failed = false;
        java.util.Set<Path> refused = new java.util.HashSet<>();
        for (Path file : inputs) {
            Optional<String> unreadable = SourceText.unreadable(file);
            if (unreadable.isPresent()) {
                err.println(file + ": error: cannot read file: " + unreadable.get());
                failed = true;
                refused.add(file);
            } else if (binary(file)) {
                // checked as text, an object file or an image gives a page of syntax errors
                err.println(file + ": " + BinaryText.MESSAGE);
                failed = true;
                refused.add(file);
            }
        }
        Optional<GitRevision> revision = Optional.ofNullable(baselineRevision).map(GitRevision::new);
        try {
            return check(levels, failed, refused, revision, out, err);
        } finally {
            revision.ifPresent(GitRevision::close);
        }
    }

    private int check(Map<String, String> levels, boolean failed, java.util.Set<Path> refused,
            Optional<GitRevision> revision, PrintWriter out, PrintWriter err) {
        if (revision.isPresent()) {
            Optional<String> problem = revision.get().problem(files.get(0));
            if (problem.isPresent()) {
                err.println("carveout: --baseline " + baselineRevision + ": " + problem.get());
                return Main.EXIT_USAGE;
            }
        }
        // The same workspace and queries as the editor's, with no document open and the command
        // line's rule levels and include paths over every settings file.
        Project project = new Project(null, new OpenDocuments(new FileSystemSources()));
        project.setOverrides(new Snapshot.Overrides(levels, includes));
        Snapshot snapshot = project.snapshot();
        SourceLocations locations = new SourceLocations(snapshot.sources());
        // A finding in a file that several boards include is reported once, with the boards it was
        // found in: the same place, rule and message, whatever the board (its fixes are the first
        // board's, where the others differ only in how many regions above they shift).
        java.util.Map<List<Object>, CheckOutput.Reported> findings = new java.util.LinkedHashMap<>();
        List<Path> checked = new ArrayList<>();
        SettingsErrors settingsErrors = new SettingsErrors(locations, err);
        Progress progress = new Progress(parent != null && parent.progress, err,
                files.stream().allMatch(f -> f.toString().endsWith(".dts")) ? "boards" : "files", files.size());
        for (Path file : files) {
            progress.at(file);
            if (refused.contains(file) || (board != null && refused.contains(board))
                    || overlays.stream().anyMatch(o -> refused.contains(o) && Files.isRegularFile(o))) {
                continue;
            }
            // checked all the same, with the settings that could be read: every problem is said at once
            failed |= settingsErrors.report(snapshot, file);
            if (revision.isPresent() && revision.get().read(board != null ? board : file).isEmpty()) {
                err.println("carveout: --baseline " + baselineRevision + ": " + (board != null ? board : file)
                        + " does not exist at that revision");
                failed = true;
                continue;
            }
            // a file named with --board may be read from its own tree
            Snapshot.Variant variant = new Snapshot.Variant(overlays, List.of(file), revision);
            Path absolute = file.toAbsolutePath().normalize();
            if (board != null && (absolute.equals(board.toAbsolutePath().normalize())
                    || !snapshot.filesOf(board, variant).contains(absolute))) {
                err.println("carveout: " + file + " is not included by " + board + ": nothing of it to check there");
                failed = true;
                continue;
            }
            checked.add(absolute);
            Path readIn = (board != null ? board : file).toAbsolutePath().normalize();
            for (Finding f : snapshot.check(file, Optional.ofNullable(board), variant)) {
                if (f.where() != null) {
                    findings.computeIfAbsent(List.of(f.where(), f.code(), f.message()),
                            k -> new CheckOutput.Reported(f, new ArrayList<>())).boards().add(readIn);
                }
            }
        }
        progress.done();
        int boards = board != null ? 1 : checked.size();
        CheckOutput output = new CheckOutput(locations, boards);
        List<CheckOutput.Reported> all = List.copyOf(findings.values());
        switch (format) {
            case json -> output.json(checked, all, out);
            case sarif -> output.sarif(all, out);
            case github -> output.github(all, out);
            default -> output.text(all, out);
        }
        out.flush();
        err.flush();
        if (failed) {
            return Main.EXIT_USAGE;
        }
        return Main.status(all.stream().map(CheckOutput.Reported::finding).toList());
    }

    private static boolean binary(Path file) {
        try {
            return SourceText.isBinary(file);
        } catch (java.io.IOException e) {
            return false; // the check itself reports what cannot be read
        }
    }
}
