package io.carveout.cli;

import io.carveout.text.BinaryText;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.PpDiagnostic;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.tree.TreeDiagnostic;
import io.carveout.workspace.BoardCheck;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CheckedFile;
import io.carveout.workspace.GitRevision;
import io.carveout.workspace.ParseCache;
import io.carveout.workspace.Settings;
import io.carveout.workspace.SettingsFile;
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
        description = {"Checks each file against the physical memory map: overlaps, alignment, CMA pools, the",
                "firmware baseline and the other rules of RULES.md, on the merged tree the kernel will see.",
                "Format: file:line:col: severity: message [rule], related places indented below.",
                "Exit status: 0 no error, 1 errors, 2 a usage or I/O failure."})
final class CheckCommand implements Callable<Integer> {
    /** The output formats. */
    enum Format { text, json, sarif }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "boards (.dts), SoC files (.dtsi), overlays (.dtso)")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", description = "text, json or sarif (default: ${DEFAULT-VALUE})")
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
        SourceProvider sources = new FileSystemSources().memoized();
        BoardCheck checker = new BoardCheck(sources, new BoardCompiler(sources, new TokenCache(), new ParseCache()));
        SourceLocations locations = new SourceLocations(sources);
        // A finding in a file that several boards include is reported once: the same place, rule
        // and message, whatever the board (its fixes are the first board's, where the others differ
        // only in how many regions above they shift).
        java.util.Map<List<Object>, Finding> findings = new java.util.LinkedHashMap<>();
        List<Path> checked = new ArrayList<>();
        for (Path file : files) {
            if (refused.contains(file) || (board != null && refused.contains(board))
                    || overlays.stream().anyMatch(o -> refused.contains(o) && Files.isRegularFile(o))) {
                continue;
            }
            SettingsFile.Read read = SettingsFile.find(file, Settings.DEFAULT);
            read.problems().forEach(p -> err.println("carveout: warning: " + p));
            Settings settings = RuleLevels.over(read.settings(), levels);
            if (revision.isPresent() && revision.get().read(board != null ? board : file).isEmpty()) {
                err.println("carveout: --baseline " + baselineRevision + ": " + (board != null ? board : file)
                        + " does not exist at that revision");
                failed = true;
                continue;
            }
            CheckedFile result = checker.check(new BoardCheck.Request(file, Optional.ofNullable(board), overlays,
                    settings, read.file().map(Path::getParent), revision));
            result.problems().forEach(p -> err.println("carveout: warning: " + read.file().map(f -> f + ": ").orElse("")
                    + p));
            if (board != null && result.compiled().preprocessed().inclusions().stream()
                    .noneMatch(i -> i.included().equals(result.file()))) {
                err.println("carveout: " + file + " is not included by " + board + ": nothing of it to check there");
                failed = true;
                continue;
            }
            checked.add(result.file());
            List<Finding> mine = new ArrayList<>();
            for (PpDiagnostic d : result.compiled().preprocessDiagnostics()) {
                mine.add(Finding.of(d));
            }
            for (TreeDiagnostic d : result.compiled().treeDiagnostics()) {
                mine.add(Finding.of(d));
            }
            result.report().diagnostics().forEach(d -> mine.add(Finding.of(d)));
            for (Finding f : mine) {
                // inside a board, a .dtsi hears about itself, not about the rest of the board
                if (f.at() != null && (board == null || f.touches(result.file()))) {
                    findings.putIfAbsent(List.of(f.at(), f.rule(), f.message()), f);
                }
            }
        }
        CheckOutput output = new CheckOutput(locations);
        List<Finding> all = List.copyOf(findings.values());
        switch (format) {
            case json -> output.json(checked, all, out);
            case sarif -> output.sarif(all, out);
            default -> output.text(all, out);
        }
        out.flush();
        err.flush();
        if (failed) {
            return Main.EXIT_USAGE;
        }
        return all.stream().anyMatch(Finding::isError) ? 1 : 0;
    }

    private static boolean binary(Path file) {
        try {
            return SourceText.isBinary(file);
        } catch (java.io.IOException e) {
            return false; // the check itself reports what cannot be read
        }
    }
}
