package com.quimbi.crm.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The business-time arithmetic by example: weekends, holidays, split shifts, DST, tiny and huge targets. */
class BusinessCalendarTest {

    static final ZoneId UTC = ZoneId.of("UTC");

    static Map<DayOfWeek, List<WorkingInterval>> weekdays(WorkingInterval... intervals) {
        Map<DayOfWeek, List<WorkingInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(intervals));
        }
        return week;
    }

    static Map<DayOfWeek, List<WorkingInterval>> everyDay(WorkingInterval... intervals) {
        Map<DayOfWeek, List<WorkingInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, List.of(intervals));
        }
        return week;
    }

    static BusinessCalendar nineToFive(ZoneId zone, LocalDate... holidays) {
        return BusinessCalendar.of(zone, weekdays(WorkingInterval.parse("09:00", "17:00")), List.of(holidays));
    }

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void aTicketCreatedFridayAt1630WithAOneHourTargetIsDueMondayAt0930() {
        BusinessCalendar calendar = nineToFive(UTC);
        // 2026-11-27 is a Friday
        assertThat(calendar.plus(at("2026-11-27T16:30", UTC), Duration.ofHours(1))).isEqualTo(at("2026-11-30T09:30", UTC));
    }

    @Test
    void startingOutsideWorkingHoursCountsFromTheNextPeriod() {
        BusinessCalendar calendar = nineToFive(UTC);
        assertThat(calendar.plus(at("2026-11-28T10:00", UTC), Duration.ofMinutes(30))).isEqualTo(at("2026-11-30T09:30", UTC));
        assertThat(calendar.plus(at("2026-11-30T07:00", UTC), Duration.ofHours(8))).isEqualTo(at("2026-11-30T17:00", UTC));
        assertThat(calendar.plus(at("2026-11-30T17:00", UTC), Duration.ofSeconds(1))).isEqualTo(at("2026-12-01T09:00:01", UTC));
    }

    @Test
    void holidaysAreSkipped() {
        BusinessCalendar calendar = nineToFive(UTC, LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28"));
        // Thursday 24th 16:00 + 2h: 1h on the 24th, Friday 25th and Monday 28th are holidays -> Tuesday 10:00
        assertThat(calendar.plus(at("2026-12-24T16:00", UTC), Duration.ofHours(2))).isEqualTo(at("2026-12-29T10:00", UTC));
        assertThat(calendar.between(at("2026-12-24T00:00", UTC), at("2026-12-30T00:00", UTC))).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void splitShiftsSkipTheBreak() {
        BusinessCalendar calendar = BusinessCalendar.of(UTC,
                weekdays(WorkingInterval.parse("13:00", "17:00"), WorkingInterval.parse("09:00", "12:00")), List.of());
        assertThat(calendar.plus(at("2026-11-30T11:30", UTC), Duration.ofHours(1))).isEqualTo(at("2026-11-30T13:30", UTC));
        assertThat(calendar.between(at("2026-11-30T00:00", UTC), at("2026-12-01T00:00", UTC))).isEqualTo(Duration.ofHours(7));
        assertThat(calendar.isWorking(at("2026-11-30T12:30", UTC))).isFalse();
        assertThat(calendar.isWorking(at("2026-11-30T13:00", UTC))).isTrue();
    }

    @Test
    void targetsSmallerThanAMinute() {
        BusinessCalendar calendar = nineToFive(UTC);
        assertThat(calendar.plus(at("2026-11-30T16:59:45", UTC), Duration.ofSeconds(30))).isEqualTo(at("2026-12-01T09:00:15", UTC));
        assertThat(calendar.plus(at("2026-11-30T10:00", UTC), Duration.ofMillis(1))).isEqualTo(at("2026-11-30T10:00:00.001", UTC));
    }

    @Test
    void targetsLargerThanAMonth() {
        BusinessCalendar calendar = nineToFive(UTC);
        // 200 business hours = 25 working days: Monday 5 Jan 09:00 -> Friday 6 Feb 17:00
        assertThat(calendar.plus(at("2026-01-05T09:00", UTC), Duration.ofHours(200))).isEqualTo(at("2026-02-06T17:00", UTC));
        assertThat(calendar.between(at("2026-01-05T09:00", UTC), at("2026-02-06T17:00", UTC))).isEqualTo(Duration.ofHours(200));
        // a year of calendar hours
        assertThat(BusinessCalendar.twentyFourSeven().plus(at("2026-01-01T00:00", UTC), Duration.ofDays(365)))
                .isEqualTo(at("2027-01-01T00:00", UTC));
    }

    @Test
    void zeroAddsNothingAndBetweenIsAntisymmetric() {
        BusinessCalendar calendar = nineToFive(UTC);
        Instant saturday = at("2026-11-28T10:00", UTC);
        assertThat(calendar.plus(saturday, Duration.ZERO)).isEqualTo(saturday);
        assertThat(calendar.between(at("2026-12-01T10:00", UTC), at("2026-11-30T10:00", UTC))).isEqualTo(Duration.ofHours(-8));
    }

    @Test
    void badCalendarsAreRefused() {
        assertThatThrownBy(() -> BusinessCalendar.of(UTC, Map.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessCalendar.of(UTC, weekdays(WorkingInterval.parse("09:00", "13:00"),
                WorkingInterval.parse("12:00", "17:00")), List.of())).hasMessageContaining("overlap");
        assertThatThrownBy(() -> WorkingInterval.parse("17:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkingInterval.parse("9am", "17:00")).isInstanceOf(IllegalArgumentException.class);
        assertThat(WorkingInterval.parse("18:00", "24:00").endMinute()).isEqualTo(1440);
    }

    @Nested
    class AcrossDaylightSavingTime {

        @Test
        void newYorkSpringForwardDayHas23HoursAndFallBackDay25() {
            ZoneId ny = ZoneId.of("America/New_York");
            BusinessCalendar allDay = BusinessCalendar.of(ny, everyDay(WorkingInterval.parse("00:00", "24:00")), List.of());
            assertThat(allDay.between(at("2026-03-08T00:00", ny), at("2026-03-09T00:00", ny))).isEqualTo(Duration.ofHours(23));
            assertThat(allDay.between(at("2026-11-01T00:00", ny), at("2026-11-02T00:00", ny))).isEqualTo(Duration.ofHours(25));
            // 24 business hours from Saturday midnight: Sunday loses an hour, so it ends at Sunday 01:00 local
            assertThat(allDay.plus(at("2026-03-08T00:00", ny), Duration.ofHours(24))).isEqualTo(at("2026-03-09T01:00", ny));
        }

        @Test
        void newYorkNineToFiveStaysNineToFiveLocalAcrossTheChange() {
            ZoneId ny = ZoneId.of("America/New_York");
            BusinessCalendar calendar = nineToFive(ny);
            // Friday 6 March 16:00 EST + 2h -> Monday 9 March 10:00 EDT (the weekend's DST change costs nothing)
            assertThat(calendar.plus(at("2026-03-06T16:00", ny), Duration.ofHours(2))).isEqualTo(at("2026-03-09T10:00", ny));
            assertThat(calendar.plus(at("2026-10-30T16:00", ny), Duration.ofHours(2))).isEqualTo(at("2026-11-02T10:00", ny));
        }

        @Test
        void berlinNightShiftThroughTheGapAndTheOverlap() {
            ZoneId berlin = ZoneId.of("Europe/Berlin");
            Map<DayOfWeek, List<WorkingInterval>> sundays = Map.of(DayOfWeek.SUNDAY, List.of(WorkingInterval.parse("01:00", "04:00")));
            BusinessCalendar calendar = BusinessCalendar.of(berlin, sundays, List.of());
            // 29 March 2026: 02:00 -> 03:00, the 01:00-04:00 shift lasts 2 real hours
            assertThat(calendar.between(at("2026-03-29T00:00", berlin), at("2026-03-30T00:00", berlin))).isEqualTo(Duration.ofHours(2));
            // 25 October 2026: 03:00 -> 02:00, it lasts 4
            assertThat(calendar.between(at("2026-10-25T00:00", berlin), at("2026-10-26T00:00", berlin))).isEqualTo(Duration.ofHours(4));
            Instant oneAm = at("2026-10-25T01:00", berlin);
            assertThat(calendar.plus(oneAm, Duration.ofHours(4))).isEqualTo(oneAm.plus(Duration.ofHours(4)));
        }

        @Test
        void sydneyAutumnAndSpringChanges() {
            ZoneId sydney = ZoneId.of("Australia/Sydney");
            BusinessCalendar calendar = nineToFive(sydney);
            // DST ends Sunday 5 April 2026, starts Sunday 4 October 2026
            assertThat(calendar.plus(at("2026-04-03T16:00", sydney), Duration.ofHours(2))).isEqualTo(at("2026-04-06T10:00", sydney));
            assertThat(calendar.plus(at("2026-10-02T16:00", sydney), Duration.ofHours(2))).isEqualTo(at("2026-10-05T10:00", sydney));
            BusinessCalendar allDay = BusinessCalendar.of(sydney, everyDay(WorkingInterval.parse("00:00", "24:00")), List.of());
            assertThat(allDay.between(at("2026-04-05T00:00", sydney), at("2026-04-06T00:00", sydney))).isEqualTo(Duration.ofHours(25));
            assertThat(allDay.between(at("2026-10-04T00:00", sydney), at("2026-10-05T00:00", sydney))).isEqualTo(Duration.ofHours(23));
        }
    }

    @Test
    void iCalendarHolidaysAreRead() {
        String ics = """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                BEGIN:VEVENT\r
                DTSTART;VALUE=DATE:20261225\r
                DTEND;VALUE=DATE:20261227\r
                SUMMARY:Christmas\\, Boxing Day\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                DTSTART;VALUE=DATE:20270101\r
                SUMMARY:New Year\r
                 's Day\r
                END:VEVENT\r
                END:VCALENDAR\r
                """;
        List<SlaCalendar.Holiday> holidays = ICalendarHolidays.parse(ics);
        assertThat(holidays).extracting(SlaCalendar.Holiday::date).containsExactly(LocalDate.parse("2026-12-25"),
                LocalDate.parse("2026-12-26"), LocalDate.parse("2027-01-01"));
        assertThat(holidays.getFirst().name()).isEqualTo("Christmas, Boxing Day");
        assertThat(holidays.getLast().name()).isEqualTo("New Year's Day");
        assertThatThrownBy(() -> ICalendarHolidays.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Set.copyOf(holidays.stream().map(SlaCalendar.Holiday::date).toList())).hasSize(3);
    }
}
