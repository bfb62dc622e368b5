package com.quimbi.crm.sla.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored business calendar: where and when the support team works. */
public record SlaCalendar(UUID id, String name, String timezone, Map<String, List<Hours>> weeklyHours,
        List<Holiday> holidays, Instant createdAt, Instant updatedAt) {

    /** Wire names of the days, in week order. */
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** A working interval as the API shows it. */
    public record Hours(String start, String end) {
    }

    public record Holiday(java.time.LocalDate date, String name) {
    }

    public BusinessCalendar toBusinessCalendar() {
        Map<DayOfWeek, List<WorkingInterval>> week = new EnumMap<>(DayOfWeek.class);
        weeklyHours.forEach((day, hours) -> week.put(DayOfWeek.of(DAYS.indexOf(day) + 1),
                hours.stream().map(h -> WorkingInterval.parse(h.start(), h.end())).toList()));
        return BusinessCalendar.of(ZoneId.of(timezone), week, holidays.stream().map(Holiday::date).toList());
    }
}
