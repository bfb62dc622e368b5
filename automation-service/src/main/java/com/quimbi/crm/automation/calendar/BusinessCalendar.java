package com.quimbi.crm.automation.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The working week rules count business time in ({@code crm.automation.business-hours}): one daily window
 * {@code start}–{@code end} (local time in {@code zone}) on {@code days}, minus {@code holidays}. Default Mon–Fri
 * 09:00–17:00 UTC, as sla-service's default calendar (no event carries a ticket's own SLA calendar).
 *
 * <p>Each day's window is built from its local date and only then turned into instants, so a DST change needs no
 * special case: 09:00–17:00 is 8 real hours on either side of it, and a window edge in a skipped hour moves
 * forward as java.time does.
 */
@ConfigurationProperties("crm.automation.business-hours")
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end,
        List<LocalDate> holidays) {

    /** Ten years without a working minute is a misconfiguration, not a plan: stop there. */
    private static final int MAX_DAYS = 3660;

    public BusinessCalendar {
        zone = zone == null ? ZoneId.of("UTC") : zone;
        days = days == null || days.isEmpty() ? Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY) : Set.copyOf(days);
        start = start == null ? LocalTime.of(9, 0) : start;
        end = end == null ? LocalTime.of(17, 0) : end;
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("crm.automation.business-hours: end " + end + " is not after start " + start);
        }
    }

    /** Whether {@code at} falls in working time. */
    public boolean isOpen(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return working(day) && !at.isBefore(open(day)) && at.isBefore(close(day));
    }

    /** The moment {@code amount} of working time after {@code from} (counting starts at the next opening). */
    public Instant plus(Instant from, Duration amount) {
        Duration left = amount;
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!working(day)) {
                continue;
            }
            Instant open = open(day);
            Instant close = close(day);
            Instant begin = from.isAfter(open) ? from : open;
            if (!begin.isBefore(close)) {
                continue;
            }
            Duration available = Duration.between(begin, close);
            if (left.compareTo(available) <= 0) {
                return begin.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + from);
    }

    private boolean working(LocalDate day) {
        return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    private Instant open(LocalDate day) {
        return day.atTime(start).atZone(zone).toInstant();
    }

    private Instant close(LocalDate day) {
        return day.atTime(end).atZone(zone).toInstant();
    }
}
