package com.quimbi.crm.assignment.policy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * An agent's working week in their own time zone. An end before the start means the shift runs past midnight
 * (the day named is the day the shift starts); start == end means the whole day.
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public boolean contains(ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (start.equals(end)) {
            return days.contains(day);
        }
        if (start.isBefore(end)) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        return (days.contains(day) && !time.isBefore(start)) || (days.contains(day.minus(1)) && time.isBefore(end));
    }
}
