package io.carveout.workspace;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The address axis of the memory-map drawing: addresses grow downwards on one linear scale,
 * so that an 8 MiB carve-out is drawn a thirtieth as tall as a 246 MiB one. A stretch where
 * nothing is reserved and that is large next to everything else kept (the gigabytes of free
 * DRAM above the carve-outs) would squeeze the rest into a few pixels: it is cut out and drawn
 * as a break of fixed height, and the drawing writes its size there. Zooming multiplies the
 * scale; the breaks stay where they are.
 */
final class MapAxis {
    /** A stretch nothing is reserved in is cut out when it is larger than this part of what is kept. */
    static final double BREAK_FRACTION = 0.25;
    static final double BREAK_HEIGHT = 30;

    /** Addresses {@code [base, end)}, unsigned, with an end that may be 2^64. */
    record Span(BigInteger base, BigInteger end) {
        BigInteger size() {
            return end.subtract(base);
        }

        boolean covers(BigInteger from, BigInteger to) {
            return base.compareTo(from) <= 0 && to.compareTo(end) <= 0;
        }
    }

    /** What lies in a stretch between two consecutive boundaries. */
    enum Cover { TAKEN, FREE, DRAM, NOTHING }

    record Piece(Span at, Cover cover, boolean broken) {
    }

    /** A run of stretches cut out of the axis. */
    record Break(Span at, List<Piece> pieces) {
    }

    private final List<BigInteger> cuts;
    private final List<Piece> pieces;
    private final List<Break> breaks;
    // y of every cut at zoom 1, split into the scaled part and the fixed part of the breaks
    private final double[] scaled;
    private final double[] fixed;
    private final int[] segment; // of each piece

    private MapAxis(List<BigInteger> cuts, List<Piece> pieces, double scale) {
        this.cuts = List.copyOf(cuts);
        this.pieces = List.copyOf(pieces);
        this.scaled = new double[cuts.size()];
        this.fixed = new double[cuts.size()];
        this.segment = new int[pieces.size()];
        List<Break> runs = new ArrayList<>();
        List<Piece> run = new ArrayList<>();
        int segments = 0;
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (piece.broken()) {
                run.add(piece);
            }
            if (!run.isEmpty() && (!piece.broken() || i == pieces.size() - 1)) {
                runs.add(new Break(new Span(run.get(0).at().base(), run.get(run.size() - 1).at().end()), List.copyOf(run)));
                run.clear();
                segments++;
            }
            segment[i] = segments;
            double size = piece.at().size().doubleValue();
            scaled[i + 1] = scaled[i] + (piece.broken() ? 0 : size * scale);
            // a run of broken stretches shares one break, in proportion to their sizes
            double runSize = piece.broken() ? runOf(pieces, i).size().doubleValue() : 1;
            fixed[i + 1] = fixed[i] + (piece.broken() ? BREAK_HEIGHT * size / runSize : 0);
        }
        this.breaks = List.copyOf(runs);
    }

    private static Span runOf(List<Piece> pieces, int i) {
        int first = i;
        while (first > 0 && pieces.get(first - 1).broken()) {
            first--;
        }
        int last = i;
        while (last + 1 < pieces.size() && pieces.get(last + 1).broken()) {
            last++;
        }
        return new Span(pieces.get(first).at().base(), pieces.get(last).at().end());
    }

    /**
     * The axis through every boundary of what is drawn: the taken ranges (carve-outs, placed
     * dynamic regions, /memreserve/), the free gaps and the DRAM banks; {@code height} is how
     * tall what is kept is drawn at zoom 1.
     */
    static MapAxis of(Collection<Span> taken, Collection<Span> free, Collection<Span> dram, double height) {
        TreeSet<BigInteger> points = new TreeSet<>();
        for (Collection<Span> spans : List.of(taken, free, dram)) {
            for (Span s : spans) {
                points.add(s.base());
                points.add(s.end());
            }
        }
        List<BigInteger> cuts = new ArrayList<>(points);
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            BigInteger from = cuts.get(i);
            BigInteger to = cuts.get(i + 1);
            Cover cover = taken.stream().anyMatch(s -> s.covers(from, to)) ? Cover.TAKEN
                    : free.stream().anyMatch(s -> s.covers(from, to)) ? Cover.FREE
                    : dram.stream().anyMatch(s -> s.covers(from, to)) ? Cover.DRAM : Cover.NOTHING;
            pieces.add(new Piece(new Span(from, to), cover, false));
        }
        // the largest stretches without a region first: each is cut out while it outweighs what stays
        BigInteger kept = pieces.stream().map(p -> p.at().size()).reduce(BigInteger.ZERO, BigInteger::add);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (pieces.get(i).cover() != Cover.TAKEN) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparing((Integer i) -> pieces.get(i).at().size()).reversed());
        for (int i : candidates) {
            BigInteger size = pieces.get(i).at().size();
            BigInteger rest = kept.subtract(size);
            if (rest.signum() <= 0 || size.doubleValue() <= BREAK_FRACTION * rest.doubleValue()) {
                break;
            }
            pieces.set(i, new Piece(pieces.get(i).at(), pieces.get(i).cover(), true));
            kept = rest;
        }
        double scale = kept.signum() > 0 ? height / kept.doubleValue() : 0;
        return new MapAxis(cuts, pieces, scale);
    }

    /** Every boundary, in address order. */
    List<BigInteger> cuts() {
        return cuts;
    }

    List<Piece> pieces() {
        return pieces;
    }

    List<Break> breaks() {
        return breaks;
    }

    /** Where an address is drawn at a zoom, from the top of the axis. */
    double y(BigInteger address, double zoom) {
        int i = index(address);
        if (i >= 0) {
            return scaled[i] * zoom + fixed[i];
        }
        // inside a stretch: linear within it (broken ones share their break in proportion)
        int piece = -i - 2;
        if (piece < 0) {
            return 0;
        }
        if (piece >= pieces.size()) {
            return height(zoom);
        }
        Piece p = pieces.get(piece);
        double part = address.subtract(p.at().base()).doubleValue() / p.at().size().doubleValue();
        return scaled[piece] * zoom + fixed[piece]
                + part * ((scaled[piece + 1] - scaled[piece]) * zoom + fixed[piece + 1] - fixed[piece]);
    }

    /**
     * The linear stretch of the axis an address is in: segments are numbered from 0 at the top,
     * one more after every break.
     */
    int segment(BigInteger address) {
        if (pieces.isEmpty()) {
            return 0;
        }
        int i = index(address);
        int piece = i >= 0 ? i : -i - 2;
        return segment[Math.max(0, Math.min(piece, pieces.size() - 1))];
    }

    double height(double zoom) {
        return cuts.isEmpty() ? 0 : scaled[cuts.size() - 1] * zoom + fixed[cuts.size() - 1];
    }

    /** Whether a range is all inside a break, drawn as the break and nothing else. */
    boolean cutOut(Span range) {
        return breaks.stream().anyMatch(b -> b.at().covers(range.base(), range.end()));
    }

    /** Whether an address lies inside a break, where nothing of it is drawn to scale. */
    boolean insideBreak(BigInteger address) {
        return breaks.stream().anyMatch(b -> b.at().base().compareTo(address) < 0 && address.compareTo(b.at().end()) < 0);
    }

    private int index(BigInteger address) {
        return java.util.Collections.binarySearch(cuts, address);
    }
}
