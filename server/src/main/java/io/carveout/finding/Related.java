package io.carveout.finding;

import io.carveout.text.SourceSpan;

/** Another place a finding involves, with what it is: the other region, the original definition in the SoC file. */
public record Related(SourceSpan where, String message) {
}
