package io.carveout.workspace;

import io.carveout.memory.check.MemoryReport;

import io.carveout.memory.Analysis;
import io.carveout.memory.Baseline;
import io.carveout.memory.CheckSettings;
import io.carveout.memory.Level;
import io.carveout.memory.check.MemoryCheck;
import io.carveout.memory.check.RuleTable;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks a file the way {@code carveout check} and the editor ask for it: compiled alone or
 * inside a board, with the settings turned into the engine's, and the firmware baseline chosen
 * (RULES.md "The baseline"): every included .dtsi other than the file checked, the files the
 * {@code baseline} globs name, or those files at a git revision.
 */
public final class BoardCheck {
    private final SourceProvider sources;
    private final BoardCompiler compiler;

    public BoardCheck(SourceProvider sources, BoardCompiler compiler) {
        this.sources = sources;
        this.compiler = compiler;
    }

    /**
     * What to check.
     *
     * @param file the file the user names
     * @param board the board to compile it in, when it is a .dtsi checked inside one
     * @param overlays overlays applied on top, in order
     * @param settingsFolder the folder of the settings file, against which baseline globs are read
     * @param baselineRevision a git revision to take the baseline from
     */
    public record Request(Path file, Optional<Path> board, List<Path> overlays, Settings settings,
            Optional<Path> settingsFolder, Optional<GitRevision> baselineRevision) {
        public Request {
            overlays = List.copyOf(overlays);
        }

        public static Request of(Path file, Settings settings) {
            return new Request(file, Optional.empty(), List.of(), settings, Optional.empty(), Optional.empty());
        }
    }

    /** A file compiled and checked without a workspace: what the rule fixtures and corpus tests ask. */
    public CheckedFile check(Request request) {
        Path file = request.file().toAbsolutePath().normalize();
        Path board = request.board().map(b -> b.toAbsolutePath().normalize()).orElse(file);
        List<String> problems = new ArrayList<>();
        checkSettings(request.settings(), problems);
        CompiledBoard compiled = compiler.compile(board, request.overlays(), request.settings().frontEnd(false),
                List.of(file));
        return new CheckedFile(file, board, compiled, analyse(compiled, file, request.settings(),
                request.settingsFolder(), request.baselineRevision()), problems);
    }

    /**
     * The memory rules over a board already compiled, for {@code file} (the board itself or a
     * .dtsi it includes), with the baseline taken from the same compile.
     */
    public MemoryReport analyse(CompiledBoard compiled, Path file, Settings settings, Optional<Path> settingsFolder) {
        return analyse(compiled, file, settings, settingsFolder, Optional.empty());
    }

    /**
     * The memory rules over a board already compiled, for {@code file}: what the editor asks after
     * every edit and the command line for each file, with the baseline taken from the same
     * compile, or from the same board's files at a git revision.
     */
    public MemoryReport analyse(CompiledBoard compiled, Path file, Settings settings, Optional<Path> settingsFolder,
            Optional<GitRevision> baselineRevision) {
        return analyse(compiled, file, settings, settingsFolder, baselineRevision, true);
    }

    /** The same, with or without the rules working out their fixes (see {@link Analysis#fixes()}). */
    public MemoryReport analyse(CompiledBoard compiled, Path file, Settings settings, Optional<Path> settingsFolder,
            Optional<GitRevision> baselineRevision, boolean fixes) {
        Path checked = file.toAbsolutePath().normalize();
        CheckSettings engine = checkSettings(settings, new ArrayList<>());
        Predicate<Path> baselineFiles = baselineFiles(checked, settings.baseline(), settingsFolder);
        Baseline baseline;
        if (baselineRevision.isPresent()) {
            GitRevision revision = baselineRevision.get();
            BoardCompiler then = new BoardCompiler(revision, new TokenCache(), compiler.parseCache());
            CompiledBoard old = then.compile(compiled.file(), compiled.overlays(), settings.frontEnd(false));
            baseline = Baseline.of(old.tree(), baselineFiles, "revision " + revision.revision(),
                    Optional.of(revision.revision()));
        } else {
            baseline = Baseline.of(compiled.tree(), baselineFiles, baselineName(compiled, baselineFiles),
                    Optional.empty());
        }
        return MemoryCheck.run(new Analysis(compiled.tree(), engine, baseline, sources, checked, fixes));
    }

    /** The engine's settings from carveout's; rule ids the table does not know are reported. */
    public static CheckSettings checkSettings(Settings settings, List<String> problems) {
        Map<String, Level> levels = new LinkedHashMap<>();
        for (Map.Entry<String, String> rule : settings.rules().entrySet()) {
            if (RuleTable.byId(rule.getKey()).isEmpty()) {
                problems.add("rules: unknown rule \"" + rule.getKey() + "\"");
                continue;
            }
            Level.parse(rule.getValue()).ifPresentOrElse(level -> levels.put(rule.getKey(), level),
                    () -> problems.add("rules." + rule.getKey() + ": \"" + rule.getValue()
                            + "\" is not one of off, info, warning, error"));
        }
        return new CheckSettings(settings.pageSize(), settings.boundaryAlignment(), settings.cmaAlignment(),
                settings.cmaAreas(), CheckSettings.DEFAULT.regionTable(), settings.dram(), levels);
    }

    /** Which files make the baseline: the globs when given, else every .dtsi but the checked file. */
    static Predicate<Path> baselineFiles(Path checked, List<String> globs, Optional<Path> folder) {
        if (globs.isEmpty()) {
            return p -> p.getFileName() != null && p.getFileName().toString().endsWith(".dtsi")
                    && !p.toAbsolutePath().normalize().equals(checked);
        }
        Predicate<Path> named = PathGlobs.any(globs, folder);
        return p -> !p.toAbsolutePath().normalize().equals(checked) && named.test(p);
    }

    // "soc.dtsi" when one file defines the protected regions, "the included .dtsi files" otherwise
    private static String baselineName(CompiledBoard compiled, Predicate<Path> baselineFiles) {
        List<Path> files = compiled.preprocessed().inclusions().stream().map(i -> i.included())
                .filter(baselineFiles).distinct().toList();
        return files.size() == 1 && files.get(0).getFileName() != null ? files.get(0).getFileName().toString()
                : "the baseline";
    }
}
