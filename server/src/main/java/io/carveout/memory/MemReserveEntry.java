package io.carveout.memory;

import io.carveout.text.SourceSpan;
import io.carveout.tree.MemReserve;
import java.util.Optional;

/** A {@code /memreserve/} entry of the blob header: memory the kernel never touches. */
public record MemReserveEntry(int index, MemReserve entry) implements Region {
    @Override
    public String name() {
        return "/memreserve/ " + (index + 1);
    }

    public AddressRange at() {
        return new AddressRange(entry.address(), entry.size());
    }

    @Override
    public Optional<AddressRange> range() {
        return Optional.of(at());
    }

    @Override
    public SourceSpan origin() {
        return entry.origin();
    }

    @Override
    public String path() {
        return "/memreserve/";
    }
}
