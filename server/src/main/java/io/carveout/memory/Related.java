package io.carveout.memory;

import io.carveout.text.SourceSpan;

/** Another place a diagnostic involves: the other region, the original definition in the SoC file. */
public record Related(SourceSpan at, String message) {
}
