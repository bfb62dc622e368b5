package com.quimbi.crm.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the business-time arithmetic over random calendars (split shifts, days off, holidays) in zones
 * with and without DST (and with odd offsets), random instants over three years (many DST changes), and
 * business durations from a millisecond to several months.
 */
class BusinessCalendarPropertiesTest {

    static final List<ZoneId> ZONES = List.of("America/New_York", "Europe/Berlin", "Australia/Sydney", "UTC",
            "Asia/Kolkata", "Pacific/Chatham", "America/Sao_Paulo").stream().map(ZoneId::of).toList();
    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final long SPAN_MILLIS = Duration.ofDays(3 * 365).toMillis();

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        // a day: up to three shifts from sorted, distinct quarter-hour boundaries taken in pairs
        Arbitrary<List<WorkingInterval>> day = Arbitraries.integers().between(0, 96).set().ofMaxSize(6).map(set -> {
            List<Integer> bounds = set.stream().sorted().toList();
            List<WorkingInterval> shifts = new ArrayList<>();
            for (int i = 0; i + 1 < bounds.size(); i += 2) {
                shifts.add(new WorkingInterval(bounds.get(i) * 15, bounds.get(i + 1) * 15));
            }
            return shifts;
        });
        Arbitrary<Map<DayOfWeek, List<WorkingInterval>>> week = day.list().ofSize(7).map(days -> {
            Map<DayOfWeek, List<WorkingInterval>> map = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                map.put(d, days.get(d.ordinal()));
            }
            return map;
        // at least 8 working hours a week: BusinessCalendar refuses to search more than 20 years ahead, and a
        // quarter of an hour a week cannot deliver a 600-hour target within that (jqwik found that combination)
        }).filter(map -> map.values().stream().flatMap(List::stream)
                .mapToInt(shift -> shift.endMinute() - shift.startMinute()).sum() >= 8 * 60);
        Arbitrary<List<LocalDate>> holidays = Arbitraries.integers().between(0, 3 * 365)
                .map(n -> LocalDate.of(2025, 1, 1).plusDays(n)).list().ofMaxSize(20);
        return Combinators.combine(Arbitraries.of(ZONES), week, holidays).as(BusinessCalendar::of);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, SPAN_MILLIS).map(FROM::plusMillis);
    }

    /** From sub-minute to over a month of business time. */
    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 59_999).map(Duration::ofMillis)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 600).map(Duration::ofMinutes)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 100).map(Duration::ofHours)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(160, 600).map(Duration::ofHours)));
    }

    @Property(tries = 300)
    void betweenUndoesPlus(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant a,
            @ForAll("durations") Duration d) {
        assertThat(calendar.between(a, calendar.plus(a, d))).isEqualTo(d);
    }

    @Property(tries = 300)
    void plusIsAdditive(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant a,
            @ForAll("durations") Duration d1, @ForAll("durations") Duration d2) {
        assertThat(calendar.plus(calendar.plus(a, d1), d2)).isEqualTo(calendar.plus(a, d1.plus(d2)));
    }

    @Property(tries = 300)
    void plusIsMonotonicNeverFasterThanRealTimeAndEndsInWorkingTime(@ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant a, @ForAll("durations") Duration d1, @ForAll("durations") Duration d2) {
        Duration shorter = d1.compareTo(d2) <= 0 ? d1 : d2;
        Duration longer = d1.compareTo(d2) <= 0 ? d2 : d1;
        Instant early = calendar.plus(a, shorter);
        Instant late = calendar.plus(a, longer);
        assertThat(early).isBeforeOrEqualTo(late).isAfterOrEqualTo(a.plus(shorter));
        assertThat(calendar.isWorking(late.minusNanos(1))).isTrue();
    }

    @Property(tries = 300)
    void betweenIsAdditiveAntisymmetricAndBoundedByRealTime(@ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant a, @ForAll("durations") Duration span) {
        Instant b = a.plus(span.multipliedBy(2));
        Instant middle = a.plus(span.dividedBy(3));
        Duration whole = calendar.between(a, b);
        assertThat(calendar.between(a, middle).plus(calendar.between(middle, b))).isEqualTo(whole);
        assertThat(whole).isBetween(Duration.ZERO, Duration.between(a, b));
        assertThat(calendar.between(b, a)).isEqualTo(whole.negated());
    }
}
