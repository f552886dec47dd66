package io.carveout.cli;

import io.carveout.blob.Blob;
import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.workspace.BlobCheck;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import io.carveout.workspace.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code carveout map} and {@code carveout check} on a blob: the same map and rules, placed at node paths. */
final class BlobMap {
    private BlobMap() {
    }

    /** The blob's memory report with the settings that apply where the blob lies and the command line's rules. */
    static MemoryReport report(Blob blob, Map<String, String> levels, List<Path> includes, PrintWriter err) {
        Project project = new Project(null, new OpenDocuments(new FileSystemSources()));
        project.setOverrides(new Snapshot.Overrides(levels, includes));
        Snapshot snapshot = project.snapshot();
        snapshot.settingsProblems(blob.file()).forEach(p -> err.println("carveout: warning: " + p));
        // unknown rule ids of the settings are among the settings problems just printed
        return BlobCheck.analyse(blob, snapshot.settingsFor(blob.file()), new ArrayList<>());
    }

    /** {@code carveout map FILE.dtb}, and with {@code --against} another blob or {@code --boot-log} a log. */
    static int map(Path file, Map<String, String> levels, List<Path> includes, boolean notTable, Path against,
            Path bootLog, PrintWriter out, PrintWriter err) {
        if (notTable && against == null && bootLog == null) {
            err.println("carveout: " + file + ": the map of a blob is printed as a table only (--format table)");
            return Main.EXIT_USAGE;
        }
        Optional<Blob> blob = BlobInput.read(file, err);
        if (blob.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        MemoryReport report = report(blob.get(), levels, includes, err);
        SourceLocations locations = new SourceLocations(path -> Optional.empty());
        locations.add(blob.get());
        if (against != null) {
            return AgainstBlob.print(report, locations, against, out, err);
        }
        if (bootLog != null) {
            return AgainstBootLog.print(report, locations, bootLog, out, err);
        }
        MapCommand.table(report, locations, out);
        out.flush();
        err.flush();
        return 0;
    }

    /** {@code carveout check FILE.dtb...}: the findings placed at node paths, in the format asked. */
    static int check(List<Path> files, Map<String, String> levels, List<Path> includes, String format,
            PrintWriter out, PrintWriter err) {
        SourceLocations locations = new SourceLocations(path -> Optional.empty());
        List<io.carveout.finding.Finding> findings = new ArrayList<>();
        List<Path> checked = new ArrayList<>();
        boolean unreadable = false;
        for (Path file : files) {
            Optional<Blob> blob = BlobInput.read(file, err);
            if (blob.isEmpty()) {
                unreadable = true;
                continue;
            }
            locations.add(blob.get());
            checked.add(blob.get().file());
            findings.addAll(report(blob.get(), levels, includes, err).diagnostics());
        }
        CheckOutput output = new CheckOutput(locations, checked.size());
        // a blob is its own board: each finding was found in the blob it is placed in
        List<CheckOutput.Reported> reported = findings.stream()
                .map(f -> new CheckOutput.Reported(f, List.of(f.where().file()))).toList();
        switch (format) {
            case "json" -> output.json(checked, reported, out);
            case "sarif" -> output.sarif(reported, out);
            case "github" -> output.github(reported, out);
            default -> output.text(reported, out);
        }
        out.flush();
        err.flush();
        if (unreadable) {
            return Main.EXIT_USAGE;
        }
        return Main.status(findings);
    }
}
