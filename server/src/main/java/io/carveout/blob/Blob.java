package io.carveout.blob;

import io.carveout.text.SourceSpan;
import io.carveout.tree.DeviceTree;
import java.nio.file.Path;
import java.util.Map;

/**
 * A flattened devicetree read: the merged tree it holds, and for each place in it (a node's
 * begin token, a property's token, a /memreserve/ entry) what a person calls that place, since
 * a blob has no lines.
 */
public record Blob(Path file, int version, DeviceTree tree, Map<Integer, String> places) {
    public Blob {
        places = Map.copyOf(places);
    }

    /** A place of this blob as a node path ({@code /reserved-memory/rmtfs@9c900000}), with the property when it is one. */
    public String describe(SourceSpan span) {
        if (span == null || !span.file().equals(file)) {
            return null;
        }
        String place = places.get(span.start());
        return place != null ? place : String.format("offset 0x%x", span.start());
    }
}
