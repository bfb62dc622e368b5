package com.quimbi.crm.sla.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;
import com.quimbi.crm.sla.calendar.internal.CalendarStore;

/** Business calendars: validated on the way in, turned into {@link BusinessCalendar} for the clocks. */
@Service
public class CalendarService {

    private final CalendarStore calendars;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    CalendarService(CalendarStore calendars, Clock clock, ApplicationEventPublisher events, AuditTrail audit) {
        this.calendars = calendars;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<SlaCalendar> list() {
        return calendars.all();
    }

    @Transactional(readOnly = true)
    public SlaCalendar get(UUID id) {
        return calendars.find(id).orElseThrow(() -> new NotFoundException("Calendar", id));
    }

    @Transactional(readOnly = true)
    public boolean exists(UUID id) {
        return calendars.exists(id);
    }

    /** The arithmetic of a stored calendar; 24/7 when {@code id} is null (targets in calendar hours). */
    @Transactional(readOnly = true)
    public BusinessCalendar businessCalendar(UUID id) {
        return id == null ? BusinessCalendar.twentyFourSeven() : get(id).toBusinessCalendar();
    }

    @Transactional
    public SlaCalendar create(CalendarRequest request) {
        Instant now = Instant.now(clock);
        SlaCalendar calendar = validated(Ids.newId(), request, now, now);
        calendars.insert(calendar);
        audit.record("sla_calendar.created", "sla_calendar", calendar.id(), null, calendar);
        return calendar;
    }

    @Transactional
    public SlaCalendar update(UUID id, CalendarRequest request) {
        SlaCalendar existing = get(id);
        SlaCalendar calendar = validated(id, request, existing.createdAt(), Instant.now(clock));
        calendars.update(calendar);
        audit.record("sla_calendar.updated", "sla_calendar", id, existing, calendar);
        events.publishEvent(new CalendarChanged(id));
        return calendar;
    }

    @Transactional
    public void delete(UUID id) {
        SlaCalendar existing = get(id);
        if (!calendars.delete(id)) {
            throw new NotFoundException("Calendar", id);
        }
        audit.record("sla_calendar.deleted", "sla_calendar", id, existing, null);
        events.publishEvent(new CalendarChanged(id)); // clocks that kept an old target in it count 24/7 from now
    }

    /** Adds the holidays of an iCalendar file (existing dates keep their names). */
    @Transactional
    public SlaCalendar importHolidays(UUID id, String ics) {
        SlaCalendar existing = get(id);
        List<SlaCalendar.Holiday> imported;
        try {
            imported = ICalendarHolidays.parse(ics);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("body", e.getMessage());
        }
        Map<java.time.LocalDate, SlaCalendar.Holiday> merged = new TreeMap<>();
        imported.forEach(h -> merged.put(h.date(), h));
        existing.holidays().forEach(h -> merged.put(h.date(), h));
        SlaCalendar calendar = new SlaCalendar(id, existing.name(), existing.timezone(), existing.weeklyHours(),
                List.copyOf(merged.values()), existing.createdAt(), Instant.now(clock));
        calendars.update(calendar);
        audit.record("sla_calendar.holidays_imported", "sla_calendar", id, existing, calendar);
        events.publishEvent(new CalendarChanged(id));
        return calendar;
    }

    private static SlaCalendar validated(UUID id, CalendarRequest request, Instant createdAt, Instant updatedAt) {
        List<FieldError> errors = new ArrayList<>();
        String timezone = request.timezone().strip();
        if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
            errors.add(new FieldError("timezone", "is not an IANA time zone (e.g. Europe/Berlin)"));
        }
        Map<String, List<SlaCalendar.Hours>> week = new LinkedHashMap<>();
        boolean anyHours = false;
        for (Map.Entry<String, List<SlaCalendar.Hours>> day : request.weeklyHours().entrySet()) {
            String key = day.getKey() == null ? "" : day.getKey().strip().toLowerCase(java.util.Locale.ROOT);
            if (!SlaCalendar.DAYS.contains(key)) {
                errors.add(new FieldError("weeklyHours." + day.getKey(), "is not a day (mon, tue, wed, thu, fri, sat, sun)"));
                continue;
            }
            List<WorkingInterval> intervals = new ArrayList<>();
            List<SlaCalendar.Hours> hours = day.getValue() == null ? List.of() : day.getValue();
            for (int i = 0; i < hours.size(); i++) {
                SlaCalendar.Hours h = hours.get(i);
                try {
                    intervals.add(WorkingInterval.parse(h == null ? null : h.start(), h == null ? null : h.end()));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("weeklyHours." + key + "[" + i + "]", e.getMessage()));
                }
            }
            intervals.sort(null);
            for (int i = 1; i < intervals.size(); i++) {
                if (intervals.get(i - 1).overlaps(intervals.get(i))) {
                    errors.add(new FieldError("weeklyHours." + key, "has overlapping intervals "
                            + intervals.get(i - 1).start() + "-" + intervals.get(i - 1).end() + " and "
                            + intervals.get(i).start() + "-" + intervals.get(i).end()));
                }
            }
            anyHours |= !intervals.isEmpty();
            week.put(key, intervals.stream().map(w -> new SlaCalendar.Hours(w.start(), w.end())).toList());
        }
        if (!anyHours && errors.isEmpty()) {
            errors.add(new FieldError("weeklyHours", "needs at least one working interval"));
        }
        List<SlaCalendar.Holiday> holidays = request.holidays() == null ? List.of() : request.holidays();
        for (int i = 0; i < holidays.size(); i++) {
            if (holidays.get(i) == null || holidays.get(i).date() == null) {
                errors.add(new FieldError("holidays[" + i + "].date", "must not be null"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Map<String, List<SlaCalendar.Hours>> ordered = new LinkedHashMap<>();
        SlaCalendar.DAYS.forEach(d -> {
            if (week.containsKey(d) && !week.get(d).isEmpty()) {
                ordered.put(d, week.get(d));
            }
        });
        List<SlaCalendar.Holiday> sorted = holidays.stream()
                .collect(java.util.stream.Collectors.toMap(SlaCalendar.Holiday::date, h -> h, (a, b) -> a, TreeMap::new))
                .values().stream().sorted(Comparator.comparing(SlaCalendar.Holiday::date)).toList();
        return new SlaCalendar(id, request.name().strip(), timezone, ordered, sorted, createdAt, updatedAt);
    }
}
