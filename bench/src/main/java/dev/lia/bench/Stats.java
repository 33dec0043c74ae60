package dev.lia.bench;

import java.util.Arrays;
import java.util.List;

final class Stats {
    private Stats() {}

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(Double.NaN);
    }

    /** Geometric mean of the finite positive values; NaN if there are none. */
    static double geomean(List<Double> xs) {
        double sum = 0;
        int n = 0;
        for (double x : xs) {
            if (Double.isFinite(x) && x > 0) {
                sum += Math.log(x);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(sum / n);
    }
}
