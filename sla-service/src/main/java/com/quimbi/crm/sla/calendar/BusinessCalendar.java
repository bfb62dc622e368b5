package com.quimbi.crm.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business-time arithmetic over weekly working hours in one IANA time zone, minus holidays. Pure (no Spring,
 * no I/O) so it can be tested exhaustively.
 *
 * <p>Working periods are built per local date and only then turned into instants, so DST needs no special
 * case: on a spring-forward day a 00:00-24:00 shift lasts 23 real hours, on a fall-back day 25; a shift boundary
 * that falls into a DST gap moves forward by the gap (java.time's rule), one in an overlap takes the earlier
 * offset. Business time is real elapsed time inside working periods.
 */
public final class BusinessCalendar {

    /** No calendar horizon is that far away: a calendar without working time must fail, not loop. */
    private static final int MAX_DAYS = 366 * 20;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<WorkingInterval>> week;
    private final Set<LocalDate> holidays;
    private final boolean allTheTime;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<WorkingInterval>> week, Set<LocalDate> holidays,
            boolean allTheTime) {
        this.zone = zone;
        this.week = week;
        this.holidays = holidays;
        this.allTheTime = allTheTime;
    }

    /**
     * @param week working intervals per day of the week, sorted or not, but not overlapping; at least one
     * @throws IllegalArgumentException when intervals overlap or there is no working time at all
     */
    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, ? extends Collection<WorkingInterval>> week,
            Collection<LocalDate> holidays) {
        Map<DayOfWeek, List<WorkingInterval>> sorted = new EnumMap<>(DayOfWeek.class);
        boolean any = false;
        for (DayOfWeek day : DayOfWeek.values()) {
            Collection<WorkingInterval> given = week.get(day);
            List<WorkingInterval> intervals = given == null ? new ArrayList<>() : new ArrayList<>(given);
            intervals.sort(null);
            for (int i = 1; i < intervals.size(); i++) {
                if (intervals.get(i - 1).overlaps(intervals.get(i))) {
                    throw new IllegalArgumentException("working intervals on " + day + " overlap");
                }
            }
            any |= !intervals.isEmpty();
            sorted.put(day, List.copyOf(intervals));
        }
        if (!any) {
            throw new IllegalArgumentException("a calendar needs at least one working interval");
        }
        return new BusinessCalendar(zone, sorted, Set.copyOf(holidays), false);
    }

    /** Calendar hours: every instant counts (targets "in calendar hours", 24/7). */
    public static BusinessCalendar twentyFourSeven() {
        Map<DayOfWeek, List<WorkingInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new WorkingInterval(0, WorkingInterval.DAY_MINUTES)));
        }
        return new BusinessCalendar(ZoneOffset.UTC, week, Set.of(), true);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The instant at which {@code businessTime} of working time has passed since {@code start}. */
    public Instant plus(Instant start, Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative");
        }
        if (allTheTime || businessTime.isZero()) {
            return start.plus(businessTime);
        }
        Duration left = businessTime;
        // start a day early: a local day's periods can begin before the UTC date of start in far-east zones
        LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            for (Period period : periods(day)) {
                if (!period.end().isAfter(start)) {
                    continue;
                }
                Instant from = period.start().isAfter(start) ? period.start() : start;
                Duration available = Duration.between(from, period.end());
                if (left.compareTo(available) <= 0) {
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }

    /** Working time between two instants; negative when {@code b} is before {@code a}. */
    public Duration between(Instant a, Instant b) {
        if (b.isBefore(a)) {
            return between(b, a).negated();
        }
        if (allTheTime) {
            return Duration.between(a, b);
        }
        Duration total = Duration.ZERO;
        LocalDate last = b.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate day = a.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Period period : periods(day)) {
                Instant from = period.start().isAfter(a) ? period.start() : a;
                Instant to = period.end().isBefore(b) ? period.end() : b;
                if (to.isAfter(from)) {
                    total = total.plus(Duration.between(from, to));
                }
            }
        }
        return total;
    }

    /** Whether {@code instant} falls in working time. */
    public boolean isWorking(Instant instant) {
        return between(instant, instant.plusNanos(1)).isPositive();
    }

    /** Readable in test failure reports. */
    @Override
    public String toString() {
        return allTheTime ? "24/7" : zone + " " + week + (holidays.isEmpty() ? "" : " holidays " + holidays.stream().sorted().toList());
    }

    private List<Period> periods(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        List<WorkingInterval> intervals = week.get(day.getDayOfWeek());
        List<Period> periods = new ArrayList<>(intervals.size());
        for (WorkingInterval interval : intervals) {
            Instant start = at(day, interval.startMinute());
            Instant end = at(day, interval.endMinute());
            if (end.isAfter(start)) { // an interval wholly inside a DST gap has no real time
                periods.add(new Period(start, end));
            }
        }
        return periods;
    }

    private Instant at(LocalDate day, int minuteOfDay) {
        return day.atStartOfDay().plusMinutes(minuteOfDay).atZone(zone).toInstant();
    }

    private record Period(Instant start, Instant end) {
    }
}
