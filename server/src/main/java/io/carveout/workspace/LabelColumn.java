package io.carveout.workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * Places the labels of the memory-map drawing in a column beside the bars: each as near the
 * middle of its bar as the labels around it let it be, none over another. Labels that crowd
 * (a dozen small carve-outs in a few pixels) spread around the middle of their bars together,
 * so that their leader lines stay short, rather than all being pushed below.
 */
final class LabelColumn {
    private LabelColumn() {
    }

    /**
     * The tops of labels of the given heights, {@code gap} apart at least, wanted at
     * {@code wanted} (each label's top were it alone, in the order the labels are stacked), none
     * above {@code top}.
     */
    static double[] place(double[] wanted, double[] heights, double gap, double top) {
        // clusters of labels that touch, each where its labels want to be on average
        List<double[]> clusters = new ArrayList<>(); // {first label, count, top, height with the gaps}
        for (int i = 0; i < wanted.length; i++) {
            double[] cluster = {i, 1, Math.max(top, wanted[i]), heights[i] + gap};
            while (!clusters.isEmpty()) {
                double[] before = clusters.get(clusters.size() - 1);
                if (before[2] + before[3] <= cluster[2]) {
                    break;
                }
                clusters.remove(clusters.size() - 1);
                int first = (int) before[0];
                int count = (int) (before[1] + cluster[1]);
                double sum = 0;
                double offset = 0;
                for (int k = first; k < first + count; k++) {
                    sum += wanted[k] - offset;
                    offset += heights[k] + gap;
                }
                cluster = new double[] {first, count, Math.max(top, sum / count), offset};
            }
            clusters.add(cluster);
        }
        double[] tops = new double[wanted.length];
        for (double[] cluster : clusters) {
            double y = cluster[2];
            for (int k = (int) cluster[0]; k < cluster[0] + cluster[1]; k++) {
                tops[k] = y;
                y += heights[k] + gap;
            }
        }
        return tops;
    }
}
