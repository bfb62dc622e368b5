package com.quimbi.crm.analytics.fact;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The working week analytics measures business time in: one daily window ({@code start}–{@code end}, local time in
 * {@code zone}) on {@code days}, minus {@code holidays}. Configured as {@code crm.analytics.business-hours}, by default
 * the same as sla-service's default calendar (Mon–Fri 09:00–17:00 UTC, no holidays): no event carries a ticket's own
 * SLA calendar yet (analytics-service/README.md, "Business time").
 *
 * <p>Windows are built per local date and only then turned into instants, so a DST change needs no special case
 * (a 09:00–17:00 window is 8 real hours on either side of it, and a boundary inside a gap moves forward, as
 * java.time does).
 */
public final class BusinessHours {

    /** Every instant counts: business time equals calendar time. */
    public static final BusinessHours ALWAYS = new BusinessHours(ZoneOffset.UTC, Set.of(DayOfWeek.values()),
            LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, Set.of());

    /** A calendar window longer than this is not business time any more: stops a runaway loop on bad input. */
    private static final long MAX_DAYS = 366L * 10;

    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime start;
    private final LocalTime end;
    private final Set<LocalDate> holidays;

    /** {@code end} = {@code start} means the whole day (00:00–24:00 when both are midnight). */
    public BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, Set<LocalDate> holidays) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("business hours need at least one working day");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("business hours end (" + end + ") before they start (" + start + ")");
        }
        this.zone = zone;
        this.days = Set.copyOf(days);
        this.start = start;
        this.end = end;
        this.holidays = Set.copyOf(holidays);
    }

    /** Seconds of working time between {@code a} and {@code b} (0 when b is not after a). */
    public long seconds(Instant a, Instant b) {
        if (a == null || b == null || !b.isAfter(a)) {
            return 0;
        }
        if (this == ALWAYS) {
            return Duration.between(a, b).toSeconds();
        }
        long total = 0;
        LocalDate last = b.atZone(zone).toLocalDate();
        LocalDate day = a.atZone(zone).toLocalDate();
        if (java.time.temporal.ChronoUnit.DAYS.between(day, last) > MAX_DAYS) {
            day = last.minusDays(MAX_DAYS);
        }
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek()) || holidays.contains(day)) {
                continue;
            }
            Instant open = day.atTime(start).atZone(zone).toInstant();
            Instant close = end.equals(start) ? day.plusDays(1).atStartOfDay(zone).toInstant()
                    : day.atTime(end).atZone(zone).toInstant();
            Instant from = open.isAfter(a) ? open : a;
            Instant to = close.isBefore(b) ? close : b;
            if (to.isAfter(from)) {
                total += Duration.between(from, to).toSeconds();
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return this == ALWAYS ? "24/7" : days + " " + start + "-" + end + " " + zone
                + (holidays.isEmpty() ? "" : " holidays " + holidays);
    }
}
