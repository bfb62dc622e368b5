package com.quimbi.crm.sla.calendar;

import java.util.UUID;

/**
 * Published (as a Spring application event, inside the admin's transaction) when a calendar was replaced, deleted
 * or got holidays: the clocks measured in it must be measured again.
 */
public record CalendarChanged(UUID calendarId) {
}
