package io.carveout.memory;

import java.util.Optional;

/**
 * Where the kernel will put a dynamic region (a {@code size} without {@code reg}): the
 * prediction of RULES.md "Dynamic placement", or why there is none.
 */
public sealed interface Placement {
    /** One sentence for a hover or the map. */
    String describe();

    default Optional<AddressRange> range() {
        return Optional.empty();
    }

    /** Placed top-down inside {@code window} (an alloc-ranges entry, or DRAM). */
    record Placed(AddressRange at, AddressRange window, boolean inAllocRanges) implements Placement {
        @Override
        public String describe() {
            return "predicted at " + at.brief() + " (" + how() + ")";
        }

        /** How the prediction was made, and what it leaves out. */
        public String how() {
            return "top-down in " + (inAllocRanges ? "alloc-ranges " : "DRAM ") + window.brief()
                    + "; ignores what the bootloader and the kernel image reserve";
        }

        @Override
        public Optional<AddressRange> range() {
            return Optional.of(at);
        }
    }

    /** No free aligned block: the kernel fails with "failed to allocate memory for node". */
    record Failed(String why) implements Placement {
        @Override
        public String describe() {
            return "cannot be placed: " + why;
        }
    }

    /** The prediction needs what the tree does not say (DRAM filled in by the bootloader). */
    record Unknown(String why) implements Placement {
        @Override
        public String describe() {
            return "placement unknown: " + why;
        }
    }

    /** The kernel does not allocate it at all (disabled, or a property it refuses). */
    record Skipped(String why) implements Placement {
        @Override
        public String describe() {
            return "not allocated: " + why;
        }
    }
}
