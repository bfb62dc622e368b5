package com.quimbi.crm.sla.calendar;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/sla/calendars")
@Tag(name = "SLA calendars")
class CalendarController {

    private final CalendarService calendars;

    CalendarController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GetMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "List business calendars", description = "Role: agent or above. Oldest first.")
    List<SlaCalendar> list() {
        return calendars.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Get a business calendar", description = "Role: agent or above.")
    @ApiResponse(responseCode = "404", description = "No such calendar", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SlaCalendar get(@PathVariable UUID id) {
        return calendars.get(id);
    }

    @PostMapping
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Create a business calendar", description = "Role: admin. IANA time zone, weekly working "
            + "intervals (several per day for split shifts, end may be 24:00), holidays.")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the calendar")
    @ApiResponse(responseCode = "400", description = "Invalid time zone, overlapping or malformed intervals, no working time", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<SlaCalendar> create(@Valid @RequestBody CalendarRequest request) {
        SlaCalendar calendar = calendars.create(request);
        return ResponseEntity.created(URI.create("/api/sla/calendars/" + calendar.id())).body(calendar);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Replace a business calendar", description = "Role: admin. Open clocks measured in it are "
            + "recomputed within about one scheduler poll.")
    @ApiResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such calendar", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SlaCalendar update(@PathVariable UUID id, @Valid @RequestBody CalendarRequest request) {
        return calendars.update(id, request);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Delete a business calendar", description = "Role: admin.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such calendar", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "A policy uses the calendar", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        calendars.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/holidays/import", consumes = { "text/calendar", "text/plain" })
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Import holidays from an iCalendar file", description = "Role: admin. Adds every VEVENT's "
            + "date (each day of a multi-day all-day event) as a holiday; existing holidays stay. Open clocks measured in the calendar are recomputed within about one "
            + "scheduler poll.")
    @ApiResponse(responseCode = "400", description = "Not an iCalendar file", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SlaCalendar importHolidays(@PathVariable UUID id, @RequestBody String ics) {
        return calendars.importHolidays(id, ics);
    }
}
