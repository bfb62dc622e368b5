package com.quimbi.crm.sla.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * One stretch of working time within a local day, {@code [start, end)} in minutes after local midnight. The end
 * may be 24:00 (1440) so a shift can run to midnight; a night shift across midnight is two intervals.
 */
public record WorkingInterval(int startMinute, int endMinute) implements Comparable<WorkingInterval> {

    public static final int DAY_MINUTES = 24 * 60;

    public WorkingInterval {
        if (startMinute < 0 || endMinute > DAY_MINUTES || startMinute >= endMinute) {
            throw new IllegalArgumentException("a working interval needs 00:00 <= start < end <= 24:00");
        }
    }

    /** "09:00" / "17:30" / "24:00". */
    public static WorkingInterval parse(String start, String end) {
        return new WorkingInterval(minutes(start), minutes(end));
    }

    static int minutes(String text) {
        if ("24:00".equals(text)) {
            return DAY_MINUTES;
        }
        try {
            LocalTime time = LocalTime.parse(text);
            if (time.getSecond() != 0 || time.getNano() != 0) {
                throw new IllegalArgumentException("times are HH:mm");
            }
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day (HH:mm)");
        }
    }

    public String start() {
        return format(startMinute);
    }

    public String end() {
        return format(endMinute);
    }

    private static String format(int minutes) {
        return "%02d:%02d".formatted(minutes / 60, minutes % 60);
    }

    @Override
    public String toString() {
        return start() + "-" + end();
    }

    public boolean overlaps(WorkingInterval other) {
        return startMinute < other.endMinute && other.startMinute < endMinute;
    }

    @Override
    public int compareTo(WorkingInterval o) {
        return Integer.compare(startMinute, o.startMinute);
    }
}
