package com.quimbi.crm.analytics.fact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Splits an interval into whole seconds per UTC day, so an interval across midnight counts on both days. */
public final class DaySplit {

    private DaySplit() {
    }

    /** Seconds of [from, to) per UTC day; empty when to is not after from. */
    public static Map<LocalDate, Long> split(Instant from, Instant to) {
        Map<LocalDate, Long> seconds = new LinkedHashMap<>();
        if (from == null || to == null || !to.isAfter(from)) {
            return seconds;
        }
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            LocalDate day = day(cursor);
            Instant nextMidnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = nextMidnight.isBefore(to) ? nextMidnight : to;
            seconds.merge(day, Duration.between(cursor, end).toSeconds(), Long::sum);
            cursor = end;
        }
        seconds.values().removeIf(s -> s == 0);
        return seconds;
    }

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
