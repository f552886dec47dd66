package io.carveout.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines, as {@code diff -u} prints it (three lines of context),
 * for {@code carveout format --check}: what a CI log shows of a file not in style.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after}, headed by the two names; empty when equal. */
    static String of(String name, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<int[]> ops = script(a, b); // {kind, index in a, index in b}: 0 same, 1 removed, 2 added
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ops.size()) {
            while (i < ops.size() && ops.get(i)[0] == 0) {
                i++;
            }
            if (i == ops.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // a hunk runs on while the next change is within twice the context
            while (end < ops.size()) {
                if (ops.get(end)[0] != 0) {
                    end++;
                    continue;
                }
                int same = end;
                while (same < ops.size() && ops.get(same)[0] == 0) {
                    same++;
                }
                if (same == ops.size() || same - end > 2 * CONTEXT) {
                    end = Math.min(ops.size(), end + CONTEXT);
                    break;
                }
                end = same;
            }
            if (out.isEmpty()) {
                out.append("--- a/").append(name).append('\n').append("+++ b/").append(name).append('\n');
            }
            hunk(ops.subList(start, end), a, b, out);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(List<int[]> ops, List<String> a, List<String> b, StringBuilder out) {
        int aStart = -1;
        int bStart = -1;
        int aCount = 0;
        int bCount = 0;
        StringBuilder body = new StringBuilder();
        for (int[] op : ops) {
            if (aStart < 0) {
                aStart = op[1];
                bStart = op[2];
            }
            switch (op[0]) {
                case 0 -> {
                    body.append(' ').append(a.get(op[1])).append('\n');
                    aCount++;
                    bCount++;
                }
                case 1 -> {
                    body.append('-').append(a.get(op[1])).append('\n');
                    aCount++;
                }
                default -> {
                    body.append('+').append(b.get(op[2])).append('\n');
                    bCount++;
                }
            }
        }
        out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n")
                .append(body);
    }

    private static String range(int start, int count) {
        return count == 0 ? start + ",0" : (start + 1) + (count == 1 ? "" : "," + count);
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    // Myers' O(ND) shortest edit script, keeping each round's frontier to walk it back.
    private static List<int[]> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        List<int[]> trace = new ArrayList<>();
        int[] v = new int[2 * max + 2];
        int offset = max + 1;
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            // the frontier before round d, diagonals -d..d: all that walking round d back reads
            trace.add(java.util.Arrays.copyOfRange(v, offset - d, offset + d + 1));
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        List<int[]> ops = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] before = trace.get(d);
            int k = x - y;
            int previousK = k == -d || (k != d && before[d + k - 1] < before[d + k + 1]) ? k + 1 : k - 1;
            int previousX = before[d + previousK];
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                ops.add(new int[] {0, --x, --y});
            }
            if (x == previousX) {
                ops.add(new int[] {2, x, --y});
            } else {
                ops.add(new int[] {1, --x, y});
            }
        }
        while (x > 0 && y > 0) {
            ops.add(new int[] {0, --x, --y});
        }
        java.util.Collections.reverse(ops);
        return ops;
    }
}
