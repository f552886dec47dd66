package io.carveout.memory;

/**
 * Two static regions that share bytes, as the overlap rule decides it: {@code reported} is
 * the one its finding is placed on (the later one, where the user most likely made the change),
 * {@code other} the one it overlaps.
 */
public record Overlap(Region reported, Region other, AddressRange shared) {
}
