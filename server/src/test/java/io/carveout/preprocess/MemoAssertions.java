package io.carveout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether two preprocessing results are the same in every part a caller can see. */
final class MemoAssertions {

    private MemoAssertions() {}

    static void assertSame(PreprocessResult expected, PreprocessResult actual, String what) {
        assertEquals(expected.text(), actual.text(), what + ": text");
        assertEquals(expected.sourceMap().files(), actual.sourceMap().files(), what + ": files");
        assertTrue(expected.sourceMap().sameAs(actual.sourceMap()), what + ": source map segments");
        assertEquals(expected.diagnostics(), actual.diagnostics(), what + ": diagnostics");
        assertEquals(expected.inclusions(), actual.inclusions(), what + ": inclusions");
        assertEquals(expected.definitions(), actual.definitions(), what + ": definitions");
        assertEquals(expected.uses(), actual.uses(), what + ": macro uses");
    }

    /** Null when the results are the same; else the first part that differs. */
    static String difference(PreprocessResult expected, PreprocessResult actual) {
        if (!expected.text().equals(actual.text())) {
            int i = 0;
            while (i < Math.min(expected.text().length(), actual.text().length())
                    && expected.text().charAt(i) == actual.text().charAt(i)) {
                i++;
            }
            return "text differs at " + i;
        }
        if (!expected.sourceMap().sameAs(actual.sourceMap())) {
            return "source map differs";
        }
        if (!expected.diagnostics().equals(actual.diagnostics())) {
            return "diagnostics differ";
        }
        if (!expected.inclusions().equals(actual.inclusions())) {
            return "inclusions differ";
        }
        if (!expected.definitions().equals(actual.definitions())) {
            return "definitions differ";
        }
        if (!expected.uses().equals(actual.uses())) {
            return "macro uses differ";
        }
        return null;
    }
}
