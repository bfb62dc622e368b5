package com.quimbi.crm.automation.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.calendar.BusinessCalendar;
import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.rules.TimeRule;

/** A time rule's due moment: calendar minutes, or working minutes when the rule asks for business time. */
class DueMomentTest {

    static final BusinessCalendar BERLIN = new BusinessCalendar(ZoneId.of("Europe/Berlin"),
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0), List.of());

    static TimeRule rule(int minutes, boolean businessTime) {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        return new TimeRule(UUID.randomUUID(), "r", true, List.of("new"), List.of(), List.of(), minutes, businessTime,
                MacroActions.NONE, 1, t, t, 0);
    }

    @Test
    void calendarMinutesIgnoreTheCalendar() {
        Instant friday = Instant.parse("2026-12-11T15:30:00Z"); // 16:30 in Berlin
        assertThat(DuePlanner.dueMoment(rule(120, false), friday, BERLIN)).isEqualTo(Instant.parse("2026-12-11T17:30:00Z"));
    }

    @Test
    void businessMinutesSkipTheNightAndTheWeekend() {
        Instant friday = Instant.parse("2026-12-11T15:30:00Z"); // 16:30 in Berlin: 30 min left that day
        // "new and unanswered for 2 business hours": 30 min on Friday, 90 on Monday from 09:00 → 10:30 Berlin
        assertThat(DuePlanner.dueMoment(rule(120, true), friday, BERLIN)).isEqualTo(Instant.parse("2026-12-14T09:30:00Z"));
    }

    @Test
    void acrossTheSpringDstChangeTheLocalClockTimeHolds() {
        Instant friday = Instant.parse("2027-03-26T15:00:00Z"); // 16:00 CET
        // 60 business minutes left Friday, then Monday 09:00 CEST + 60 = 10:00 CEST = 08:00Z
        assertThat(DuePlanner.dueMoment(rule(120, true), friday, BERLIN)).isEqualTo(Instant.parse("2027-03-29T08:00:00Z"));
    }
}
