package com.quimbi.crm.analytics.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void bucketsAreContiguousAndEveryValueIsWithinFourPercentOfItsBucketsMiddle() {
        assertThat(Histogram.bucket(-5)).isZero();
        assertThat(Histogram.bucket(0)).isZero();
        assertThat(Histogram.bucket(1)).isEqualTo(1);
        assertThat(Histogram.bucket(2)).isEqualTo(2);
        int previous = 0;
        for (long seconds = 1; seconds < 12_000_000; seconds += Math.max(1, seconds / 997)) {
            int bucket = Histogram.bucket(seconds);
            assertThat(bucket).isBetween(previous, previous + 1);
            previous = bucket;
            if (bucket < Histogram.BUCKETS - 1) {
                assertThat(Math.abs(Histogram.middle(bucket) - seconds) / seconds).isLessThanOrEqualTo(0.04);
            }
        }
        assertThat(Histogram.bucket(Long.MAX_VALUE)).isEqualTo(Histogram.BUCKETS - 1);
        assertThat(Histogram.BUCKETS).isBetween(150, 250);
    }

    @Test
    void percentilesAreWithinFourPercentOfTheExactOnes() {
        Random random = new Random(11);
        long[] values = new long[20_000];
        Histogram histogram = new Histogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = 60 + (long) (-Math.log(1 - random.nextDouble()) * 21 * 3600); // ~ exponential, mean 21 h
            histogram.add(values[i]);
        }
        Arrays.sort(values);
        for (double fraction : new double[] {0.5, 0.75, 0.9, 0.95, 0.99}) {
            double exact = values[(int) Math.floor(fraction * (values.length - 1))];
            assertThat(histogram.percentile(fraction)).as("p%s", fraction * 100).isCloseTo(exact, within(exact * 0.04));
        }
        assertThat(histogram.count()).isEqualTo(values.length);
    }

    @Test
    void mergedHistogramsAreTheHistogramOfAllTheValues() {
        Histogram first = new Histogram().add(5).add(3600).add(90_000);
        Histogram second = new Histogram().add(5).add(7200);
        Histogram all = new Histogram().add(5).add(3600).add(90_000).add(5).add(7200);

        Histogram merged = Histogram.of(first.counts()).merge(second.counts());

        assertThat(merged.counts()).isEqualTo(all.counts());
        assertThat(merged.percentile(0.5)).isEqualTo(all.percentile(0.5)).isCloseTo(3600, within(3600 * 0.04));
        assertThat(merged.percentile(0)).isEqualTo(5);
        assertThat(merged.percentile(1)).isCloseTo(90_000, within(90_000 * 0.04));
        // a stored shorter array (fewer buckets) reads as zeros beyond its end
        assertThat(Histogram.of(new long[] {0, 2}).percentile(0.5)).isEqualTo(1);
    }

    @Test
    void anEmptyHistogramHasNoPercentile() {
        assertThat(new Histogram().percentile(0.95)).isNull();
        assertThat(new Histogram().count()).isZero();
    }
}
