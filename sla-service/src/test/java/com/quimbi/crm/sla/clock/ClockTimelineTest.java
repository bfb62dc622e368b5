package com.quimbi.crm.sla.clock;

import static com.quimbi.crm.sla.clock.HistoryEvent.Kind.AGENT_REPLY;
import static com.quimbi.crm.sla.clock.HistoryEvent.Kind.CREATED;
import static com.quimbi.crm.sla.clock.HistoryEvent.Kind.CUSTOMER_MESSAGE;
import static com.quimbi.crm.sla.clock.HistoryEvent.Kind.DELETED;
import static com.quimbi.crm.sla.clock.HistoryEvent.Kind.STATUS_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.sla.calendar.BusinessCalendar;
import com.quimbi.crm.sla.calendar.WorkingInterval;
import com.quimbi.crm.sla.policy.Metric;

/** The clock rules on a ticket's history, measured in a Mon-Fri 09:00-17:00 UTC calendar. */
class ClockTimelineTest {

    static final BusinessCalendar NINE_TO_FIVE = BusinessCalendar.of(java.time.ZoneOffset.UTC,
            Map.of(DayOfWeek.MONDAY, List.of(WorkingInterval.parse("09:00", "17:00")),
                    DayOfWeek.TUESDAY, List.of(WorkingInterval.parse("09:00", "17:00")),
                    DayOfWeek.WEDNESDAY, List.of(WorkingInterval.parse("09:00", "17:00")),
                    DayOfWeek.THURSDAY, List.of(WorkingInterval.parse("09:00", "17:00")),
                    DayOfWeek.FRIDAY, List.of(WorkingInterval.parse("09:00", "17:00"))), List.of());

    // Monday 30 November 2026
    static Instant mon(String time) {
        return Instant.parse("2026-11-30T" + time + ":00Z");
    }

    static Instant tue(String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }

    static HistoryEvent e(HistoryEvent.Kind kind, Instant at) {
        return HistoryEvent.of(kind, at);
    }

    static HistoryEvent status(String to, Instant at) {
        return new HistoryEvent(STATUS_CHANGED, at, to);
    }

    static HistoryEvent created(Instant at) {
        return new HistoryEvent(CREATED, at, "new");
    }

    static ClockRun run(List<ClockRun> runs, Metric metric, int cycle) {
        return runs.stream().filter(r -> r.metric() == metric && r.cycle() == cycle).findFirst().orElseThrow();
    }

    @Test
    void createdStartsFirstResponseAndResolution_aPublicAgentReplyMeetsFirstResponse() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("10:00")), e(AGENT_REPLY, mon("10:40"))));
        assertThat(runs).extracting(ClockRun::metric).containsExactly(Metric.FIRST_RESPONSE, Metric.RESOLUTION,
                Metric.PERIODIC_UPDATE); // the first reply starts the periodic-update clock
        ClockRun first = run(runs, Metric.FIRST_RESPONSE, 0);
        assertThat(first.status()).isEqualTo(RunStatus.MET);
        assertThat(first.endedAt()).isEqualTo(mon("10:40"));
        ClockMeasure m = new ClockMeasure(first, Duration.ofHours(1), NINE_TO_FIVE);
        assertThat(m.deadline()).isEqualTo(mon("11:00"));
        assertThat(m.breached(tue("12:00"))).isFalse();
        assertThat(m.elapsed(tue("12:00"))).isEqualTo(Duration.ofMinutes(40));
        assertThat(run(runs, Metric.RESOLUTION, 0).status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void eachCustomerMessageStartsANextReplyClockThatTheNextAgentReplyMeets() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("09:30")),
                e(CUSTOMER_MESSAGE, mon("10:00")), e(CUSTOMER_MESSAGE, mon("10:30")), e(AGENT_REPLY, mon("12:00")),
                e(CUSTOMER_MESSAGE, mon("16:00"))));
        ClockRun firstNext = run(runs, Metric.NEXT_RESPONSE, 0);
        assertThat(firstNext.startedAt()).isEqualTo(mon("10:00")); // the earliest unanswered message counts
        assertThat(firstNext.status()).isEqualTo(RunStatus.MET);
        ClockRun secondNext = run(runs, Metric.NEXT_RESPONSE, 1);
        assertThat(secondNext.status()).isEqualTo(RunStatus.RUNNING);
        // 4 business hours from Monday 16:00: 1 h Monday, 3 h Tuesday
        assertThat(new ClockMeasure(secondNext, Duration.ofHours(4), NINE_TO_FIVE).deadline()).isEqualTo(tue("12:00"));
    }

    @Test
    void aCustomerMessageBeforeTheFirstReplyStartsNoNextReplyClock() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(CUSTOMER_MESSAGE, mon("09:10"))));
        assertThat(runs).extracting(ClockRun::metric).doesNotContain(Metric.NEXT_RESPONSE);
    }

    @Test
    void pendingPausesResolutionAndNextReplyButNeverFirstReply() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), status("open", mon("09:05")),
                status("pending", mon("10:00")), status("open", mon("14:00"))));
        ClockRun resolution = run(runs, Metric.RESOLUTION, 0);
        assertThat(resolution.segments()).hasSize(2);
        ClockMeasure m = new ClockMeasure(resolution, Duration.ofHours(8), NINE_TO_FIVE);
        // 1 h before the pause + 3 h after it by 17:00; the remaining 4 h are Tuesday morning
        assertThat(m.elapsed(mon("17:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(m.deadline()).isEqualTo(tue("13:00"));
        ClockRun first = run(runs, Metric.FIRST_RESPONSE, 0);
        assertThat(first.segments()).hasSize(1);
        assertThat(new ClockMeasure(first, Duration.ofHours(2), NINE_TO_FIVE).deadline()).isEqualTo(mon("11:00"));
    }

    @Test
    void aPausedClockIsPausedWithItsReasonAndKeepsItsProgress() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), status("on_hold", mon("11:00"))));
        ClockRun resolution = run(runs, Metric.RESOLUTION, 0);
        assertThat(resolution.status()).isEqualTo(RunStatus.PAUSED);
        assertThat(resolution.pauseReason()).isEqualTo("on_hold");
        ClockMeasure m = new ClockMeasure(resolution, Duration.ofHours(8), NINE_TO_FIVE);
        assertThat(m.elapsed(tue("16:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(m.remaining(tue("16:00"))).isEqualTo(Duration.ofHours(6));
        assertThat(m.breached(tue("16:00"))).isFalse();
    }

    @Test
    void solvedMeetsResolutionStopsResponseClocksAndAReopenStartsANewResolution() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), status("solved", mon("10:00")),
                e(CUSTOMER_MESSAGE, mon("11:00")), status("open", mon("11:01"))));
        assertThat(run(runs, Metric.RESOLUTION, 0).status()).isEqualTo(RunStatus.MET);
        assertThat(run(runs, Metric.FIRST_RESPONSE, 0).status()).isEqualTo(RunStatus.STOPPED);
        ClockRun reopened = run(runs, Metric.RESOLUTION, 1);
        assertThat(reopened.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(reopened.startedAt()).isEqualTo(mon("11:01"));
        assertThat(run(runs, Metric.NEXT_RESPONSE, 0).status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aReplyAfterTheDeadlineIsMetButBreached() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("16:30")), e(AGENT_REPLY, tue("09:45"))));
        ClockMeasure m = new ClockMeasure(run(runs, Metric.FIRST_RESPONSE, 0), Duration.ofHours(1), NINE_TO_FIVE);
        assertThat(m.deadline()).isEqualTo(tue("09:30"));
        assertThat(m.breached(tue("10:00"))).isTrue();
    }

    @Test
    void aRunningClockIsBreachedFromItsDeadlineOn() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00"))));
        ClockMeasure m = new ClockMeasure(run(runs, Metric.FIRST_RESPONSE, 0), Duration.ofHours(1), NINE_TO_FIVE);
        assertThat(m.breached(mon("09:59"))).isFalse();
        assertThat(m.breached(mon("10:00"))).isTrue();
        assertThat(m.instantAtPercent(75)).isEqualTo(mon("09:45"));
    }

    @Test
    void deletedStopsEverythingAndEventsBeforeCreationAreIgnored() {
        List<ClockRun> runs = ClockTimeline.build(List.of(e(AGENT_REPLY, mon("08:00")), created(mon("09:00")),
                e(DELETED, mon("09:30"))));
        assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.STOPPED));
    }

    @Test
    void timesNeverGoBackwards() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("10:00")), e(AGENT_REPLY, mon("09:59"))));
        assertThat(run(runs, Metric.FIRST_RESPONSE, 0).endedAt()).isEqualTo(mon("10:00"));
    }

    // ---- periodic_update ----

    static List<ClockRun> periodic(List<ClockRun> runs) {
        return runs.stream().filter(r -> r.metric() == Metric.PERIODIC_UPDATE).toList();
    }

    @Test
    void periodicUpdateDoesNotStartAtCreationButWithTheFirstPublicAgentReply() {
        assertThat(periodic(ClockTimeline.build(List.of(created(mon("09:00")), e(CUSTOMER_MESSAGE, mon("09:10")),
                status("open", mon("09:20")))))).isEmpty();
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("10:00"))));
        ClockRun update = run(runs, Metric.PERIODIC_UPDATE, 0);
        assertThat(update.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(update.startedAt()).isEqualTo(mon("10:00"));
        assertThat(new ClockMeasure(update, Duration.ofHours(2), NINE_TO_FIVE).deadline()).isEqualTo(mon("12:00"));
    }

    @Test
    void everyLaterPublicAgentReplyMeetsTheRunningPeriodicUpdateAndStartsTheNextCycle() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("09:30")),
                e(AGENT_REPLY, mon("11:00")), e(AGENT_REPLY, mon("14:00"))));
        assertThat(periodic(runs)).extracting(ClockRun::cycle).containsExactly(0, 1, 2);
        ClockRun first = run(runs, Metric.PERIODIC_UPDATE, 0);
        assertThat(first.status()).isEqualTo(RunStatus.MET);
        assertThat(first.endedAt()).isEqualTo(mon("11:00"));
        ClockRun second = run(runs, Metric.PERIODIC_UPDATE, 1);
        assertThat(second.startedAt()).isEqualTo(mon("11:00"));
        assertThat(second.status()).isEqualTo(RunStatus.MET);
        // met late: 2 h target from 11:00, the update came at 14:00
        assertThat(new ClockMeasure(second, Duration.ofHours(2), NINE_TO_FIVE).breached(mon("14:00"))).isTrue();
        ClockRun third = run(runs, Metric.PERIODIC_UPDATE, 2);
        assertThat(third.startedAt()).isEqualTo(mon("14:00"));
        assertThat(third.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void customerMessagesDoNotCountAsPeriodicUpdates() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("09:30")),
                e(CUSTOMER_MESSAGE, mon("10:00")), e(CUSTOMER_MESSAGE, mon("10:30"))));
        assertThat(periodic(runs)).hasSize(1);
        ClockRun update = run(runs, Metric.PERIODIC_UPDATE, 0);
        assertThat(update.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(update.startedAt()).isEqualTo(mon("09:30"));
    }

    @Test
    void periodicUpdatePausesOnPendingAndOnHoldAndResumesAfter() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("10:00")),
                status("pending", mon("11:00")), status("open", mon("13:00")), status("on_hold", mon("14:00"))));
        ClockRun update = run(runs, Metric.PERIODIC_UPDATE, 0);
        assertThat(update.status()).isEqualTo(RunStatus.PAUSED);
        assertThat(update.pauseReason()).isEqualTo("on_hold");
        assertThat(update.segments()).containsExactly(new ClockRun.Segment(mon("10:00"), mon("11:00")),
                new ClockRun.Segment(mon("13:00"), mon("14:00")));
        ClockMeasure m = new ClockMeasure(update, Duration.ofHours(4), NINE_TO_FIVE);
        assertThat(m.elapsed(tue("16:00"))).isEqualTo(Duration.ofHours(2)); // paused time never counts
        assertThat(m.remaining(tue("16:00"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aReplyWhilePendingMeetsTheRunningCycleAndStartsTheNextOnePaused() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("10:00")),
                status("pending", mon("11:00")), e(AGENT_REPLY, mon("12:00")), status("open", mon("15:00"))));
        assertThat(run(runs, Metric.PERIODIC_UPDATE, 0).status()).isEqualTo(RunStatus.MET);
        ClockRun next = run(runs, Metric.PERIODIC_UPDATE, 1);
        assertThat(next.startedAt()).isEqualTo(mon("12:00"));
        assertThat(next.segments()).containsExactly(new ClockRun.Segment(mon("15:00"), null));
        assertThat(new ClockMeasure(next, Duration.ofHours(1), NINE_TO_FIVE).deadline()).isEqualTo(mon("16:00"));
    }

    @Test
    void solvedOrClosedStopsPeriodicUpdateWithoutAnOutcome() {
        for (String done : List.of("solved", "closed")) {
            List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("10:00")),
                    status(done, mon("11:00"))));
            ClockRun update = run(runs, Metric.PERIODIC_UPDATE, 0);
            assertThat(update.status()).as(done).isEqualTo(RunStatus.STOPPED);
            assertThat(update.endedAt()).isEqualTo(mon("11:00"));
            assertThat(periodic(runs)).hasSize(1);
        }
    }

    @Test
    void aReopenWaitsForTheNextPublicAgentReply() {
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("10:00")),
                status("solved", mon("11:00")), e(AGENT_REPLY, mon("11:30")), e(CUSTOMER_MESSAGE, mon("12:00")),
                status("open", mon("12:30"))));
        // neither the reply while solved nor the reopen starts a cycle
        assertThat(periodic(runs)).hasSize(1);
        assertThat(run(runs, Metric.PERIODIC_UPDATE, 0).status()).isEqualTo(RunStatus.STOPPED);
        List<ClockRun> replied = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("10:00")),
                status("solved", mon("11:00")), status("open", mon("12:30")), e(AGENT_REPLY, mon("13:00"))));
        ClockRun next = run(replied, Metric.PERIODIC_UPDATE, 1);
        assertThat(next.startedAt()).isEqualTo(mon("13:00"));
        assertThat(next.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aTicketCreatedSolvedGetsNoPeriodicUpdateAndDeletedStopsIt() {
        assertThat(periodic(ClockTimeline.build(List.of(new HistoryEvent(CREATED, mon("09:00"), "solved"),
                e(AGENT_REPLY, mon("10:00")))))).isEmpty();
        List<ClockRun> runs = ClockTimeline.build(List.of(created(mon("09:00")), e(AGENT_REPLY, mon("10:00")),
                e(DELETED, mon("10:30"))));
        assertThat(run(runs, Metric.PERIODIC_UPDATE, 0).status()).isEqualTo(RunStatus.STOPPED);
    }
}
