package com.quimbi.crm.automation.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Due-moment planning in business time: nights, weekends, holidays and both DST changes. */
class BusinessCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static BusinessCalendar weekdays(ZoneId zone, List<LocalDate> holidays) {
        return new BusinessCalendar(zone, Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), holidays);
    }

    static Instant at(ZoneId zone, String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    @Test
    void defaultsAreWeekdaysNineToFiveUtc() {
        BusinessCalendar calendar = new BusinessCalendar(null, null, null, null, null);
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(calendar.isOpen(Instant.parse("2026-12-07T09:00:00Z"))).isTrue(); // a Monday
        assertThat(calendar.isOpen(Instant.parse("2026-12-07T17:00:00Z"))).isFalse();
        assertThat(calendar.isOpen(Instant.parse("2026-12-06T12:00:00Z"))).isFalse(); // Sunday
    }

    @Test
    void withinTheSameDay() {
        BusinessCalendar calendar = weekdays(BERLIN, List.of());
        assertThat(calendar.plus(at(BERLIN, "2026-12-07T10:15:00"), Duration.ofMinutes(120)))
                .isEqualTo(at(BERLIN, "2026-12-07T12:15:00"));
    }

    @Test
    void theRestCarriesOverToTheNextMorning() {
        BusinessCalendar calendar = weekdays(BERLIN, List.of());
        // 16:00 Monday + 2 business hours = 1 h on Monday, 1 h on Tuesday
        assertThat(calendar.plus(at(BERLIN, "2026-12-07T16:00:00"), Duration.ofHours(2)))
                .isEqualTo(at(BERLIN, "2026-12-08T10:00:00"));
    }

    @Test
    void startingOutsideHoursCountsFromTheNextOpeningAndSkipsWeekendsAndHolidays() {
        BusinessCalendar calendar = weekdays(BERLIN, List.of(LocalDate.parse("2026-12-14")));
        // Friday 20:00 → Monday is a holiday → Tuesday 09:00 + 30 min
        assertThat(calendar.plus(at(BERLIN, "2026-12-11T20:00:00"), Duration.ofMinutes(30)))
                .isEqualTo(at(BERLIN, "2026-12-15T09:30:00"));
        // exactly at closing: nothing left that day
        assertThat(calendar.plus(at(BERLIN, "2026-12-08T17:00:00"), Duration.ofMinutes(1)))
                .isEqualTo(at(BERLIN, "2026-12-09T09:01:00"));
        // zero duration outside hours is the next opening
        assertThat(calendar.plus(at(BERLIN, "2026-12-08T07:00:00"), Duration.ZERO))
                .isEqualTo(at(BERLIN, "2026-12-08T09:00:00"));
    }

    @Test
    void aWindowIsEightRealHoursOnBothSidesOfTheSpringDstChange() {
        BusinessCalendar calendar = weekdays(BERLIN, List.of());
        // 2027-03-28 (Sunday) clocks go 02:00 → 03:00. Friday 13:00 + 8 business hours = Monday 13:00 local,
        // which is 71 real hours later (a 23-hour Sunday), not 72
        Instant friday = at(BERLIN, "2027-03-26T13:00:00");
        Instant due = calendar.plus(friday, Duration.ofHours(8));
        assertThat(due).isEqualTo(at(BERLIN, "2027-03-29T13:00:00"));
        assertThat(Duration.between(friday, due)).isEqualTo(Duration.ofHours(71));
        assertThat(due.atZone(BERLIN).getOffset().getTotalSeconds()).isEqualTo(7200);
    }

    @Test
    void andOnTheAutumnDstChange() {
        BusinessCalendar calendar = weekdays(NEW_YORK, List.of());
        // 2026-11-01 (Sunday) clocks go 02:00 → 01:00: Friday 16:30 + 1 business hour = Monday 09:30 local
        Instant friday = at(NEW_YORK, "2026-10-30T16:30:00");
        Instant due = calendar.plus(friday, Duration.ofHours(1));
        assertThat(due).isEqualTo(at(NEW_YORK, "2026-11-02T09:30:00"));
        assertThat(Duration.between(friday, due)).isEqualTo(Duration.ofHours(66)); // 65 + the repeated hour
    }

    @Test
    void aWindowAcrossTheSkippedHourIsOneHourShorter() {
        // open every day 01:00-04:00: on 2027-03-28 02:00-03:00 does not exist, so that day has 2 real hours
        BusinessCalendar calendar = new BusinessCalendar(BERLIN, Set.of(DayOfWeek.values()), LocalTime.of(1, 0),
                LocalTime.of(4, 0), List.of());
        Instant start = at(BERLIN, "2027-03-28T01:00:00");
        assertThat(calendar.plus(start, Duration.ofHours(2))).isEqualTo(at(BERLIN, "2027-03-28T04:00:00"));
        assertThat(calendar.plus(start, Duration.ofHours(3))).isEqualTo(at(BERLIN, "2027-03-29T02:00:00"));
        assertThat(calendar.isOpen(at(BERLIN, "2027-03-28T03:30:00"))).isTrue();
    }

    @Test
    void aCalendarWithoutWorkingTimeIsRefused() {
        assertThatThrownBy(() -> new BusinessCalendar(BERLIN, Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                LocalTime.of(9, 0), List.of())).isInstanceOf(IllegalArgumentException.class);
        BusinessCalendar everyMondayHoliday = new BusinessCalendar(BERLIN, Set.of(DayOfWeek.MONDAY),
                LocalTime.of(9, 0), LocalTime.of(10, 0), java.util.stream.Stream.iterate(LocalDate.parse("2026-12-07"),
                        d -> d.plusWeeks(1)).limit(600).toList());
        assertThatThrownBy(() -> everyMondayHoliday.plus(at(BERLIN, "2026-12-07T08:00:00"), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
