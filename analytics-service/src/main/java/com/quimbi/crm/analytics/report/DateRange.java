package com.quimbi.crm.analytics.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springdoc.core.annotations.ParameterObject;

import com.quimbi.crm.platform.problem.InvalidInputException;

/**
 * An inclusive range of days in a time zone ({@code from} 00:00 to the end of {@code to}). Validated: from ≤ to,
 * at most the configured span, a real IANA zone; a bad range is a 400 problem naming the parameter.
 */
@ParameterObject // documented as its query parameters from, to, zone (bound by DateRangeResolver)
public record DateRange(LocalDate from, LocalDate to, ZoneId zone) {

    public static DateRange of(LocalDate from, LocalDate to, String zone, int maxSpanDays, int defaultSpanDays) {
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone", "is not an IANA time zone (e.g. Europe/Berlin)");
        }
        LocalDate end = to != null ? to : LocalDate.now(zoneId);
        LocalDate start = from != null ? from : end.minusDays(defaultSpanDays - 1L);
        if (start.isAfter(end)) {
            throw new InvalidInputException("from", "must not be after to (" + start + " > " + end + ")");
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > maxSpanDays) {
            throw new InvalidInputException("to", "makes the range " + days + " days long; at most " + maxSpanDays
                    + " days may be asked at once");
        }
        return new DateRange(start, end, zoneId);
    }

    /** The first instant of the range. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The range of the same length just before this one (for trends). */
    public DateRange previous() {
        return new DateRange(from.minusDays(days()), from.minusDays(1), zone);
    }
}
