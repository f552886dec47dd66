package io.carveout.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Moves piled up key after key move a place as the edits did one by one, and their reach never
 * rejects a place that, moved, holds the target: a digit edited in place is looked for in every
 * property's statement through that test alone.
 */
class SpanMoveTest {
    private static final Path SOC = Path.of("/tree/soc.dtsi");
    private static final Path BOARD = Path.of("/tree/board.dts");

    @Test
    void pilesOfRandomEditsMoveAsTheirStepsOneByOneAndReachEveryPlaceThatHoldsTheTarget() {
        Random random = new Random(7);
        for (int run = 0; run < 3000; run++) {
            List<UnaryOperator<SourceSpan>> steps = new ArrayList<>();
            UnaryOperator<SourceSpan> piled = null;
            for (int i = random.nextInt(40); i >= 0; i--) {
                Path file = random.nextInt(4) == 0 ? BOARD : SOC;
                int start = random.nextInt(200);
                int replaced = random.nextInt(5);
                // what replaces [start, start + replaced) is at least empty; an insertion inserts
                SpanMove step = random.nextBoolean()
                        ? SpanMove.blanks(file, start, start + replaced, random.nextInt(replaced + 5) - replaced)
                        : SpanMove.insertion(file, start, 1 + random.nextInt(4));
                steps.add(step);
                piled = SpanMove.then(piled, step);
            }
            for (int place = 0; place < 20; place++) {
                int start = 150 + random.nextInt(100);
                SourceSpan span = new SourceSpan(random.nextInt(4) == 0 ? BOARD : SOC, start, start + random.nextInt(30));
                SourceSpan oneByOne = span;
                for (UnaryOperator<SourceSpan> step : steps) {
                    oneByOne = step.apply(oneByOne);
                }
                assertEquals(oneByOne, piled.apply(span), "run " + run);
                // the moved place itself is the target at the edge of the reach
                int targetStart = oneByOne.start() + random.nextInt(Math.max(1, oneByOne.length()));
                SourceSpan target = random.nextBoolean() ? oneByOne
                        : new SourceSpan(SOC, targetStart, targetStart + random.nextInt(3));
                if (oneByOne.contains(target)) {
                    assertTrue(SpanMove.mayContain(piled, span, target), "run " + run + ": " + span + " -> " + oneByOne);
                }
            }
        }
    }

    @Test
    void aThousandKeysPiledUpMoveAPlaceAsTheyDidOneByOne() {
        UnaryOperator<SourceSpan> keys = null;
        SourceSpan oneByOne = new SourceSpan(SOC, 5000, 5010);
        for (int key = 0; key < 1000; key++) {
            SpanMove typed = key % 3 == 0 ? SpanMove.blanks(SOC, 100 + key, 100 + key, 1)
                    : SpanMove.insertion(SOC, 100 + key, 1);
            keys = SpanMove.then(keys, typed);
            oneByOne = typed.apply(oneByOne);
        }
        assertEquals(new SourceSpan(SOC, 6000, 6010), oneByOne);
        assertEquals(oneByOne, keys.apply(new SourceSpan(SOC, 5000, 5010)));
    }

    @Test
    void aPlaceFarFromTheTargetOrInAnotherFileIsRejectedWithoutMovingIt() {
        UnaryOperator<SourceSpan> keys = null;
        for (int key = 0; key < 10; key++) {
            keys = SpanMove.then(keys, SpanMove.insertion(SOC, 500 + key, 1));
        }
        SourceSpan digit = new SourceSpan(SOC, 2000, 2001);
        assertFalse(SpanMove.mayContain(keys, new SourceSpan(SOC, 100, 400), digit));
        assertFalse(SpanMove.mayContain(keys, new SourceSpan(BOARD, 1900, 2100), digit));
        assertTrue(SpanMove.mayContain(keys, new SourceSpan(SOC, 1980, 1995), digit), "10 characters typed before");
        // a place that began inside replaced blanks keeps to their start, further than the length changed
        SpanMove blanks = SpanMove.blanks(SOC, 100, 104, -1);
        SourceSpan bared = new SourceSpan(SOC, 103, 110);
        assertEquals(new SourceSpan(SOC, 100, 109), blanks.apply(bared));
        assertTrue(SpanMove.mayContain(blanks, bared, new SourceSpan(SOC, 100, 109)));
        // a move it cannot see into decides nothing
        assertTrue(SpanMove.mayContain(span -> span, new SourceSpan(BOARD, 0, 1), digit));
    }
}
