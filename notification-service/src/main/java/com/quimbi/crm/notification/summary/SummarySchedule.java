package com.quimbi.crm.notification.summary;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a summary is due, in its own time zone (so 09:00 Europe/Madrid stays 09:00 across daylight saving changes): the
 * latest scheduled moment at or before now, and the period it closes (the local day or week before it).
 */
public record SummarySchedule(SummaryPeriod period, LocalTime at, ZoneId zone, DayOfWeek day) {

    /** [from, to): to is the scheduled moment that sends it. */
    public record Window(Instant from, Instant to) {
    }

    /** The latest period whose scheduled moment is at or before {@code now}. */
    public Window latestDue(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate date = period == SummaryPeriod.WEEKLY
                ? local.toLocalDate().with(TemporalAdjusters.previousOrSame(day == null ? DayOfWeek.MONDAY : day))
                : local.toLocalDate();
        ZonedDateTime end = ZonedDateTime.of(date, at, zone);
        if (end.isAfter(local)) {
            date = period == SummaryPeriod.WEEKLY ? date.minusWeeks(1) : date.minusDays(1);
            end = ZonedDateTime.of(date, at, zone);
        }
        LocalDate start = period == SummaryPeriod.WEEKLY ? date.minusWeeks(1) : date.minusDays(1);
        return new Window(ZonedDateTime.of(start, at, zone).toInstant(), end.toInstant());
    }
}
