package dev.faasguard.bench.startup;

import java.util.Arrays;

/** Order statistics over a sample. Pure functions; the input arrays are never modified. */
public final class Stats {

    private Stats() {
    }

    /** Median; the mean of the two middle values for an even-sized sample. */
    public static double median(double[] values) {
        double[] sorted = sorted(values);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /**
     * Percentile by the nearest-rank method: the smallest value such that at least {@code p} percent of the sample
     * is at or below it (p90 of 20 values is the 18th smallest). Always one of the observed values.
     */
    public static double percentile(double[] values, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        double[] sorted = sorted(values);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public static double min(double[] values) {
        return sorted(values)[0];
    }

    public static double max(double[] values) {
        double[] sorted = sorted(values);
        return sorted[sorted.length - 1];
    }

    /** Element-wise {@code a[i] - b[i]}: the per-round differences of two interleaved series. */
    public static double[] pairedDifferences(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("series differ in length: " + a.length + " vs " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double[] sorted(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
