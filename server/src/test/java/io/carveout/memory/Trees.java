package io.carveout.memory;

import io.carveout.memory.check.MemoryCheck;
import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FrontEndSettings;
import io.carveout.workspace.ParseCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small trees written inline in a test, compiled from memory as the real front end does. */
final class Trees {
    static final Path BOARD = Path.of("/virtual/board.dts").toAbsolutePath();

    private Trees() {
    }

    /** The body of /reserved-memory (2 + 2 cells) and what goes in the root beside it. */
    static String board(String root, String reservedMemory) {
        return "/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n" + root
                + "\n\treserved-memory {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n\t\tranges;\n"
                + reservedMemory + "\n\t};\n};\n";
    }

    static CompiledBoard compile(String text) {
        SourceProvider sources = SourceProvider.of(Map.of(BOARD, text));
        return new BoardCompiler(sources, new TokenCache(), new ParseCache()).compile(BOARD, List.of(),
                FrontEndSettings.DEFAULT);
    }

    static Analysis analyse(String text, CheckSettings settings) {
        SourceProvider sources = SourceProvider.of(Map.of(BOARD, text));
        CompiledBoard compiled = new BoardCompiler(sources, new TokenCache(), new ParseCache()).compile(BOARD,
                List.of(), FrontEndSettings.DEFAULT);
        if (compiled.hasErrors()) {
            throw new IllegalArgumentException(compiled.treeDiagnostics() + " " + compiled.preprocessDiagnostics());
        }
        return new Analysis(compiled.tree(), settings, Baseline.NONE, sources, BOARD);
    }

    static MemoryReport check(String text, CheckSettings settings) {
        return MemoryCheck.run(analyse(text, settings));
    }

    static Optional<DynamicRegion> dynamic(Analysis analysis, String name) {
        return analysis.layout().dynamics().stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
