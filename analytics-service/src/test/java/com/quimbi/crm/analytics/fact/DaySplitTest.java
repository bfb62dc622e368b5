package com.quimbi.crm.analytics.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DaySplitTest {

    @Test
    void anIntervalAcrossMidnightCountsOnBothDays() {
        Map<LocalDate, Long> split = DaySplit.split(Instant.parse("2026-11-26T23:00:00Z"),
                Instant.parse("2026-11-27T01:30:00Z"));
        assertThat(split).containsExactly(Map.entry(LocalDate.parse("2026-11-26"), 3600L),
                Map.entry(LocalDate.parse("2026-11-27"), 5400L));
    }

    @Test
    void aWeekendSpansThreeDays() {
        Map<LocalDate, Long> split = DaySplit.split(Instant.parse("2026-11-27T18:00:00Z"),
                Instant.parse("2026-11-29T06:00:00Z"));
        assertThat(split.values()).containsExactly(6 * 3600L, 24 * 3600L, 6 * 3600L);
    }

    @Test
    void anEmptyOrBackwardIntervalIsNothing() {
        Instant at = Instant.parse("2026-11-27T18:00:00Z");
        assertThat(DaySplit.split(at, at)).isEmpty();
        assertThat(DaySplit.split(at, at.minusSeconds(5))).isEmpty();
    }
}
