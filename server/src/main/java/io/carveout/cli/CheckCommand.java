package io.carveout.cli;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
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
        List<Path> blobs = files.stream().filter(BlobInput::isBlob).toList();
        if (!blobs.isEmpty() && board == null && overlays.isEmpty()) {
            // blobs are checked on their own tree; any sources named with them as usual
            int blobStatus = BlobMap.check(blobs, levels, includes, format.name(), out, err);
            files = files.stream().filter(f -> !blobs.contains(f)).toList();
            return files.isEmpty() ? blobStatus : Math.max(blobStatus, call());
        }
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
        // A finding in a file that several boards include is reported once: the same place, rule
        // and message, whatever the board (its fixes are the first board's, where the others differ
        // only in how many regions above they shift).
        java.util.Map<List<Object>, Finding> findings = new java.util.LinkedHashMap<>();
        List<Path> checked = new ArrayList<>();
        java.util.Set<String> warned = new java.util.HashSet<>();
        for (Path file : files) {
            if (refused.contains(file) || (board != null && refused.contains(board))
                    || overlays.stream().anyMatch(o -> refused.contains(o) && Files.isRegularFile(o))) {
                continue;
            }
            Optional<Path> settingsFile = snapshot.settingsFile(file);
            for (String problem : snapshot.settingsProblems(file)) {
                if (warned.add(settingsFile + problem)) {
                    err.println("carveout: warning: " + settingsFile.map(f -> f + ": ").orElse("") + problem);
                }
            }
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
            for (Finding f : snapshot.check(file, Optional.ofNullable(board), variant)) {
                if (f.where() != null) {
                    findings.putIfAbsent(List.of(f.where(), f.code(), f.message()), f);
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
        return all.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? 1 : 0;
    }

    private static boolean binary(Path file) {
        try {
            return SourceText.isBinary(file);
        } catch (java.io.IOException e) {
            return false; // the check itself reports what cannot be read
        }
    }
}
