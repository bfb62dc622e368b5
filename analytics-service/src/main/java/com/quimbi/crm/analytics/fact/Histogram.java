package com.quimbi.crm.analytics.fact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mergeable histogram of durations in whole seconds, for percentiles read from rollups instead of ticket rows
 * (analytics-service/README.md, "Percentiles from rollups"). Bucket 0 holds values below 1 s; bucket i ≥ 1 holds
 * the integers from {@code LOWER[i - 1]} up to (not including) {@code LOWER[i]}; the bounds grow by 8 % a step
 * (every integer while that step is under 1 s), so a bucket's midpoint is within 4 % of every value in it. The
 * last bucket takes everything from 10,446,930 s (~121 days) on. Merging is adding counts bucket by bucket, so day rows sum to
 * any range. Migration V7 builds the same bounds in SQL ({@code hist_bucket}) with the same arithmetic.
 */
public final class Histogram {

    static final double GROWTH = 1.08;
    static final long MAX = 10_000_000;
    /** The lower bound of bucket i + 1. */
    static final long[] LOWER = bounds();
    public static final int BUCKETS = LOWER.length + 1;

    private final long[] counts;

    public Histogram() {
        this(new long[BUCKETS]);
    }

    private Histogram(long[] counts) {
        this.counts = counts;
    }

    /** A histogram from stored counts (a shorter array is padded with zeros). */
    public static Histogram of(long[] counts) {
        return new Histogram(Arrays.copyOf(counts, BUCKETS));
    }

    private static long[] bounds() {
        List<Long> lower = new ArrayList<>(List.of(1L));
        double x = 1.0;
        while (lower.getLast() <= MAX) {
            x = x * GROWTH;
            long next = (long) Math.ceil(x);
            if (next > lower.getLast()) {
                lower.add(next);
            }
        }
        return lower.stream().mapToLong(Long::longValue).toArray();
    }

    /** The bucket a duration of {@code seconds} falls in. */
    public static int bucket(long seconds) {
        int at = Arrays.binarySearch(LOWER, seconds);
        return at >= 0 ? at + 1 : -at - 1;
    }

    /** The value a bucket stands for: the middle of its integers (0 for bucket 0, the lower bound for the last). */
    static double middle(int bucket) {
        if (bucket == 0) {
            return 0;
        }
        if (bucket == BUCKETS - 1) {
            return LOWER[bucket - 1];
        }
        return (LOWER[bucket - 1] + LOWER[bucket] - 1) / 2.0;
    }

    public Histogram add(long seconds) {
        counts[bucket(seconds)]++;
        return this;
    }

    public Histogram merge(long[] other) {
        for (int i = 0; i < Math.min(other.length, BUCKETS); i++) {
            counts[i] += other[i];
        }
        return this;
    }

    public long count() {
        return Arrays.stream(counts).sum();
    }

    public long[] counts() {
        return counts.clone();
    }

    /**
     * The {@code fraction} percentile (0..1) like {@code percentile_cont}: the value at rank fraction × (n − 1),
     * here the middle of the bucket holding that rank; null when empty.
     */
    public Double percentile(double fraction) {
        long n = count();
        if (n == 0) {
            return null;
        }
        double rank = fraction * (n - 1);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen > rank) {
                return middle(i);
            }
        }
        return middle(BUCKETS - 1);
    }
}
