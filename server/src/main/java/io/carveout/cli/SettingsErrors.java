package io.carveout.cli;

import io.carveout.workspace.SettingsFile;
import io.carveout.workspace.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A bad {@code .carveout.json} on the command line: an input error, as a bad {@code --rule} is,
 * each problem said once as {@code file:line:col: error: message} (exit status 2). A key the
 * checker does not know would otherwise silently leave a rule at a level the user did not mean.
 */
final class SettingsErrors {
    private final Set<String> said = new HashSet<>();
    private final SourceLocations locations;
    private final PrintWriter err;

    SettingsErrors(SourceLocations locations, PrintWriter err) {
        this.locations = locations;
        this.err = err;
    }

    /** Says the problems of the settings {@code file} is checked with; true when there is one. */
    boolean report(Snapshot snapshot, Path file) {
        boolean bad = false;
        for (SettingsFile.Problem problem : snapshot.settingsProblems(file)) {
            bad = true;
            String where = problem.file().map(f -> locations.display(f)
                    + (problem.line() > 0 ? ":" + problem.line() + ":" + problem.column() : "")).orElse("carveout");
            String line = where + ": error: " + problem.message();
            if (said.add(line)) {
                err.println(line);
            }
        }
        return bad;
    }
}
