package com.quimbi.crm.sla.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads holidays from an iCalendar (RFC 5545) file, as exported by Google / Outlook holiday calendars: every
 * VEVENT's date, or each date of a multi-day all-day event (DTEND is exclusive). Recurrence rules are not
 * expanded: holiday feeds list each year's dates explicitly.
 */
public final class ICalendarHolidays {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int MAX_DAYS_PER_EVENT = 366;

    private ICalendarHolidays() {
    }

    public static List<SlaCalendar.Holiday> parse(String ics) {
        if (ics == null || !ics.contains("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("not an iCalendar file (no BEGIN:VCALENDAR)");
        }
        // unfold: a line starting with a space or tab continues the previous one
        String unfolded = ics.replace("\r\n", "\n").replace("\r", "\n").replaceAll("\n[ \t]", "");
        List<SlaCalendar.Holiday> holidays = new ArrayList<>();
        LocalDate start = null;
        LocalDate end = null;
        String summary = null;
        boolean inEvent = false;
        for (String line : unfolded.split("\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
            String value = line.contains(":") ? line.substring(line.indexOf(':') + 1).strip() : "";
            String property = name.contains(";") ? name.substring(0, name.indexOf(';')) : name;
            switch (property.toUpperCase(java.util.Locale.ROOT)) {
                case "BEGIN" -> {
                    if (value.equalsIgnoreCase("VEVENT")) {
                        inEvent = true;
                        start = null;
                        end = null;
                        summary = null;
                    }
                }
                case "DTSTART" -> start = inEvent ? date(value) : start;
                case "DTEND" -> end = inEvent ? date(value) : end;
                case "SUMMARY" -> summary = inEvent ? value.replace("\\,", ",").replace("\\;", ";") : summary;
                case "END" -> {
                    if (value.equalsIgnoreCase("VEVENT") && inEvent) {
                        if (start == null) {
                            throw new IllegalArgumentException("a VEVENT has no DTSTART");
                        }
                        LocalDate last = end == null || !end.isAfter(start) ? start : end.minusDays(1);
                        if (start.until(last).toTotalMonths() > 12 || start.plusDays(MAX_DAYS_PER_EVENT).isBefore(last)) {
                            throw new IllegalArgumentException("an event spans more than a year");
                        }
                        for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(1)) {
                            holidays.add(new SlaCalendar.Holiday(d, summary));
                        }
                        inEvent = false;
                    }
                }
                default -> {
                    // other properties (UID, RRULE, DTSTAMP…) do not matter for a holiday list
                }
            }
        }
        return holidays;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.length() >= 8 ? value.substring(0, 8) : value, BASIC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an iCalendar date");
        }
    }
}
