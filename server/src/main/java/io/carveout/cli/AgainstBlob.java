package io.carveout.cli;

import io.carveout.blob.Blob;
import io.carveout.memory.MapDifference;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.check.MemoryReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** {@code carveout map BOARD.dts --against FILE.dtb}: what the device's tree has that the sources do not, region by region. */
final class AgainstBlob {
    private AgainstBlob() {
    }

    /** Prints the differences; 0 when there are none, 1 when there are, 2 when the blob cannot be read. */
    static int print(MemoryReport sources, SourceLocations locations, Path file, PrintWriter out, PrintWriter err) {
        Optional<Blob> blob = BlobInput.read(file, err);
        if (blob.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        MapDifference.Result result = MapDifference.of(sources.analysis().map(), MemoryMap.of(blob.get().tree()));
        out.println("the sources against " + file + ": " + result.comparedRegions() + " regions in both, "
                + result.sameRegions() + " the same");
        for (MapDifference.Change change : result.changes()) {
            out.println(String.format("%-10s %s: %s", change.kind(), change.what(), change.detail())
                    + (change.sourcePlace() == null ? "" : "  " + locations.describe(change.sourcePlace())));
        }
        if (result.changes().isEmpty()) {
            out.println("no difference");
        }
        return result.changes().isEmpty() ? 0 : 1;
    }
}
