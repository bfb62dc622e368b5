package com.quimbi.crm.analytics.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Business time on hand-made calendars: a weekend, a holiday, a DST change, nights. */
class BusinessHoursTest {

    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final BusinessHours NINE_TO_FIVE_UTC = new BusinessHours(ZoneOffset.UTC, WEEKDAYS, LocalTime.of(9, 0),
            LocalTime.of(17, 0), Set.of());

    @Test
    void aWeekendCountsForNothing() {
        // Friday 16:00 → Monday 10:00: one hour on Friday, one on Monday (66 calendar hours)
        assertThat(NINE_TO_FIVE_UTC.seconds(Instant.parse("2026-11-27T16:00:00Z"), Instant.parse("2026-11-30T10:00:00Z")))
                .isEqualTo(2 * 3600);
    }

    @Test
    void nightsAndTheSameWindowAreClipped() {
        assertThat(NINE_TO_FIVE_UTC.seconds(Instant.parse("2026-11-26T18:00:00Z"), Instant.parse("2026-11-27T08:00:00Z")))
                .isZero();
        assertThat(NINE_TO_FIVE_UTC.seconds(Instant.parse("2026-11-26T10:15:00Z"), Instant.parse("2026-11-26T10:45:30Z")))
                .isEqualTo(30 * 60 + 30);
        assertThat(NINE_TO_FIVE_UTC.seconds(Instant.parse("2026-11-26T08:00:00Z"), Instant.parse("2026-11-27T18:00:00Z")))
                .isEqualTo(16 * 3600);
    }

    @Test
    void aHolidayIsSkipped() {
        BusinessHours withHoliday = new BusinessHours(ZoneOffset.UTC, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of(LocalDate.parse("2026-12-25")));
        // Thursday 24th 16:00 → Monday 28th 10:00: 1 h + (Friday the 25th off) + 1 h
        assertThat(withHoliday.seconds(Instant.parse("2026-12-24T16:00:00Z"), Instant.parse("2026-12-28T10:00:00Z")))
                .isEqualTo(2 * 3600);
    }

    @Test
    void localHoursFollowTheZoneAcrossDst() {
        BusinessHours berlin = new BusinessHours(ZoneId.of("Europe/Berlin"), WEEKDAYS, LocalTime.of(9, 0),
                LocalTime.of(17, 0), Set.of());
        // Friday 27 March 2026 (CET, UTC+1) 09:00 local = 08:00Z → Monday 30 March (CEST, UTC+2) 17:00 local = 15:00Z
        assertThat(berlin.seconds(Instant.parse("2026-03-27T08:00:00Z"), Instant.parse("2026-03-30T15:00:00Z")))
                .isEqualTo(16 * 3600);
    }

    @Test
    void alwaysIsCalendarTimeAndReversedIsZero() {
        Instant a = Instant.parse("2026-11-28T03:00:00Z");
        assertThat(BusinessHours.ALWAYS.seconds(a, a.plusSeconds(90_000))).isEqualTo(90_000);
        assertThat(NINE_TO_FIVE_UTC.seconds(a.plusSeconds(10), a)).isZero();
        assertThat(NINE_TO_FIVE_UTC.seconds(null, a)).isZero();
    }

    @Test
    void aCalendarWithoutWorkingDaysIsRefused() {
        assertThatThrownBy(() -> new BusinessHours(ZoneOffset.UTC, Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
