package com.quimbi.crm.sla.calendar;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST / PUT /api/sla/calendars: the whole calendar (PUT replaces it). */
public record CalendarRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Schema(description = "IANA time zone", example = "Europe/Berlin") String timezone,
        @NotNull @Schema(description = "day (mon..sun) -> working intervals, several per day for split shifts; "
                + "end may be 24:00", example = "{\"mon\":[{\"start\":\"09:00\",\"end\":\"12:00\"},{\"start\":\"13:00\",\"end\":\"17:00\"}]}")
        Map<String, List<SlaCalendar.Hours>> weeklyHours,
        @Valid List<SlaCalendar.Holiday> holidays) {
}
