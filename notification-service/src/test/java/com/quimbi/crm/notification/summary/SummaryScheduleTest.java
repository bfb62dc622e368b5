package com.quimbi.crm.notification.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class SummaryScheduleTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Test
    void aDailySummaryClosesTheLocalDayBeforeItsTime() {
        SummarySchedule nine = new SummarySchedule(SummaryPeriod.DAILY, LocalTime.of(9, 0), MADRID, null);
        // 08:59 in Madrid (UTC+1 in December): yesterday's 09:00 is the latest due
        SummarySchedule.Window before = nine.latestDue(Instant.parse("2026-12-07T07:59:00Z"));
        assertThat(before.to()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
        assertThat(before.from()).isEqualTo(Instant.parse("2026-12-05T08:00:00Z"));
        // at 09:00 sharp today's is due
        assertThat(nine.latestDue(Instant.parse("2026-12-07T08:00:00Z")).to()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void localTimeHoldsAcrossDaylightSavingChanges() {
        SummarySchedule nine = new SummarySchedule(SummaryPeriod.DAILY, LocalTime.of(9, 0), MADRID, null);
        // Madrid moves to summer time on 2026-03-29: 09:00 is 08:00Z the day before and 07:00Z that day
        SummarySchedule.Window day = nine.latestDue(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(day.from()).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
    }

    @Test
    void aWeeklySummaryClosesTheSevenDaysBeforeItsDay() {
        SummarySchedule monday = new SummarySchedule(SummaryPeriod.WEEKLY, LocalTime.of(8, 30), ZoneId.of("UTC"),
                DayOfWeek.MONDAY);
        // Sunday 2026-12-13: the latest due is Monday 2026-12-07 08:30
        SummarySchedule.Window week = monday.latestDue(Instant.parse("2026-12-13T23:00:00Z"));
        assertThat(week.to()).isEqualTo(Instant.parse("2026-12-07T08:30:00Z"));
        assertThat(week.from()).isEqualTo(Instant.parse("2026-11-30T08:30:00Z"));
        // Monday 08:29 is still last week's
        assertThat(monday.latestDue(Instant.parse("2026-12-14T08:29:59Z")).to()).isEqualTo(Instant.parse("2026-12-07T08:30:00Z"));
        assertThat(monday.latestDue(Instant.parse("2026-12-14T08:30:00Z")).to()).isEqualTo(Instant.parse("2026-12-14T08:30:00Z"));
    }

    @Test
    void theReportSaysTheNumbersAndEscapesNamesForSlack() {
        SummarySchedule.Window window = new SummarySchedule.Window(Instant.parse("2026-12-06T08:00:00Z"),
                Instant.parse("2026-12-07T08:00:00Z"));
        SummaryReport report = new SummaryReport("Returns <!channel>", SummaryPeriod.DAILY, "returns", MADRID, window,
                3, 2, 1, 3, List.of(new SummaryReport.CategoryCount("shipping", 2), new SummaryReport.CategoryCount("returns", 1)));
        assertThat(report.compliancePercent()).isEqualTo(75);
        assertThat(report.slackText()).contains("Daily summary: team returns", "Returns &lt;!channel&gt;",
                "*Volume*: 3 new tickets", "*Backlog*: 2 open", "*SLA breaches*: 1", "75% (3 of 4 clocks met on time)",
                "shipping 2, returns 1").doesNotContain("<!channel>");
        assertThat(report.mailText()).contains("Period: Sun 6 Dec 2026 09:00 to Mon 7 Dec 2026 09:00 Europe/Madrid");
        assertThat(report.subject()).startsWith("[CRM] Daily summary: team returns");
        SummaryReport quiet = new SummaryReport("All", SummaryPeriod.WEEKLY, null, MADRID, window, 0, 0, 0, 0, List.of());
        assertThat(quiet.compliancePercent()).isNull();
        assertThat(quiet.mailText()).contains("Weekly summary: all teams", "no clock ended", "Top categories: none recorded");
    }
}
