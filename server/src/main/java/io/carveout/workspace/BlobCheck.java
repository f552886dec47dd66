package io.carveout.workspace;

import io.carveout.blob.Blob;
import io.carveout.memory.Analysis;
import io.carveout.memory.Baseline;
import io.carveout.memory.check.MemoryCheck;
import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.SourceProvider;
import java.util.List;
import java.util.Optional;

/**
 * The memory rules over the tree a blob holds. A blob has no sources: no fixes (there is no
 * text to edit), no carveout-ignore comments, and no firmware baseline (no .dtsi tells the
 * firmware's regions from the board's). Every other rule reads only the tree and runs as on sources.
 */
public final class BlobCheck {
    private static final SourceProvider NO_SOURCES = path -> Optional.empty();

    private BlobCheck() {
    }

    public static MemoryReport analyse(Blob blob, Settings settings, List<String> problems) {
        return MemoryCheck.run(new Analysis(blob.tree(), BoardCheck.checkSettings(settings, problems), Baseline.NONE,
                NO_SOURCES, blob.file(), false));
    }
}
