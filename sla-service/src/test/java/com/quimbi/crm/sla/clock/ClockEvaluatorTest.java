package com.quimbi.crm.sla.clock;

import static com.quimbi.crm.sla.clock.HistoryEvent.Kind.AGENT_REPLY;
import static com.quimbi.crm.sla.clock.HistoryEvent.Kind.CREATED;
import static com.quimbi.crm.sla.clock.HistoryEvent.Kind.STATUS_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.sla.ClockState;
import com.quimbi.crm.contracts.sla.PauseReason;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaClockUpdated;
import com.quimbi.crm.contracts.sla.SlaMet;
import com.quimbi.crm.contracts.sla.SlaMetric;
import com.quimbi.crm.contracts.sla.SlaPaused;
import com.quimbi.crm.contracts.sla.SlaResumed;
import com.quimbi.crm.contracts.sla.SlaWarning;
import com.quimbi.crm.sla.calendar.BusinessCalendar;
import com.quimbi.crm.sla.clock.ClockEvaluator.Evaluation;
import com.quimbi.crm.sla.clock.ClockEvaluator.Published;
import com.quimbi.crm.sla.policy.Metric;
import com.quimbi.crm.sla.policy.SlaPolicy;

/** The clock rules without storage: which clocks a history gives, and which events become due, once. */
class ClockEvaluatorTest {

    static final UUID TICKET = UUID.randomUUID();
    static final Instant CREATED_AT = Instant.parse("2026-11-30T09:00:00Z");
    /** First reply in 1 h, resolution in 8 h, calendar hours; warn at 75 %. */
    static final SlaPolicy POLICY = new SlaPolicy(UUID.randomUUID(), "Standard", 1, true, SlaPolicy.Conditions.ANY,
            List.of(new SlaPolicy.Target(Metric.FIRST_RESPONSE, Duration.ofHours(1), false, null),
                    new SlaPolicy.Target(Metric.RESOLUTION, Duration.ofHours(8), false, null)),
            List.of(75), CREATED_AT, CREATED_AT);
    static final List<HistoryEvent> NEW_TICKET = List.of(new HistoryEvent(CREATED, CREATED_AT, "new"));

    static Instant minutes(long m) {
        return CREATED_AT.plus(Duration.ofMinutes(m));
    }

    static Evaluation evaluate(List<HistoryEvent> history, List<SlaClock> stored, Instant now) {
        return ClockEvaluator.evaluate(TICKET, "normal", Optional.of(POLICY), history, stored,
                target -> BusinessCalendar.twentyFourSeven(), now);
    }

    static SlaClock clock(Evaluation evaluation, Metric metric) {
        return evaluation.clocks().stream().filter(c -> c.metric() == metric).findFirst().orElseThrow();
    }

    @Test
    void aNewTicketRunsEveryClockItsPolicyMeasuresAndPublishesNothingYet() {
        Evaluation evaluation = evaluate(NEW_TICKET, List.of(), minutes(10));
        assertThat(evaluation.clocks()).extracting(SlaClock::metric)
                .containsExactlyInAnyOrder(Metric.FIRST_RESPONSE, Metric.RESOLUTION);
        SlaClock firstReply = clock(evaluation, Metric.FIRST_RESPONSE);
        assertThat(firstReply.deadline()).isEqualTo(minutes(60));
        assertThat(firstReply.nextCheckAt()).isEqualTo(minutes(45)); // the 75 % warning is the next thing due
        assertThat(firstReply.state()).isEqualTo("on_track");
        assertThat(evaluation.events()).isEmpty();
    }

    @Test
    void aWarningIsDueAtItsThresholdAndOnlyOnce() {
        Evaluation at50 = evaluate(NEW_TICKET, List.of(), minutes(50));
        SlaClock firstReply = clock(at50, Metric.FIRST_RESPONSE);
        assertThat(at50.events()).containsExactly(new SlaWarning(TICKET, SlaMetric.FIRST_RESPONSE, 75, minutes(60),
                minutes(50), POLICY.id().toString(), firstReply.id()));
        assertThat(firstReply.warned()).containsExactly(75);
        assertThat(firstReply.state()).isEqualTo("at_risk");

        assertThat(evaluate(NEW_TICKET, at50.clocks(), minutes(55)).events()).isEmpty();
    }

    @Test
    void aBreachIsDueOnceAndSettlesTheWarningsNotYetSent() {
        Evaluation at61 = evaluate(NEW_TICKET, List.of(), minutes(61));
        SlaClock firstReply = clock(at61, Metric.FIRST_RESPONSE);
        assertThat(at61.events()).containsExactly(new SlaBreached(TICKET, SlaMetric.FIRST_RESPONSE, minutes(60),
                POLICY.id().toString(), minutes(61), firstReply.id()));
        assertThat(firstReply.warned()).containsExactly(75);
        assertThat(firstReply.breachedAt()).isEqualTo(minutes(61));

        assertThat(evaluate(NEW_TICKET, at61.clocks(), minutes(70)).events()).isEmpty();
    }

    @Test
    void anAgentReplyMeetsTheFirstReplyClockInTime() {
        Evaluation running = evaluate(NEW_TICKET, List.of(), minutes(10));
        List<HistoryEvent> replied = List.of(NEW_TICKET.getFirst(), HistoryEvent.of(AGENT_REPLY, minutes(30)));
        Evaluation evaluation = evaluate(replied, running.clocks(), minutes(31));
        SlaClock firstReply = clock(evaluation, Metric.FIRST_RESPONSE);
        assertThat(evaluation.events()).containsExactly(new SlaMet(TICKET, SlaMetric.FIRST_RESPONSE, minutes(60),
                minutes(30), false, POLICY.id().toString(), firstReply.id()));
        assertThat(firstReply.status()).isEqualTo(RunStatus.MET);
    }

    @Test
    void pendingPausesTheResolutionClockAndOpenResumesItWithANewDeadline() {
        List<HistoryEvent> replied = List.of(NEW_TICKET.getFirst(), HistoryEvent.of(AGENT_REPLY, minutes(30)));
        Evaluation running = evaluate(replied, List.of(), minutes(31));
        List<HistoryEvent> pending = List.of(replied.get(0), replied.get(1),
                new HistoryEvent(STATUS_CHANGED, minutes(60), "pending"));
        Evaluation paused = evaluate(pending, running.clocks(), minutes(61));
        assertThat(paused.events()).containsExactly(new SlaPaused(TICKET, List.of(SlaMetric.RESOLUTION), minutes(60),
                PauseReason.PENDING, POLICY.id().toString()));
        assertThat(clock(paused, Metric.RESOLUTION).deadline()).isNull();

        List<HistoryEvent> reopened = List.of(pending.get(0), pending.get(1), pending.get(2),
                new HistoryEvent(STATUS_CHANGED, minutes(120), "open"));
        Evaluation resumed = evaluate(reopened, paused.clocks(), minutes(121));
        // 60 minutes paused: the 8 h deadline moves by as much
        Instant deadline = CREATED_AT.plus(Duration.ofHours(9));
        assertThat(resumed.events()).containsExactly(new SlaResumed(TICKET, List.of(SlaMetric.RESOLUTION), minutes(120),
                java.util.Map.of(SlaMetric.RESOLUTION, deadline), POLICY.id().toString()));
    }

    @Test
    void theSummaryNamesTheMostUrgentClockAndIsDueOnlyWhenItChanges() {
        Evaluation evaluation = evaluate(NEW_TICKET, List.of(), minutes(10));
        SlaClock firstReply = clock(evaluation, Metric.FIRST_RESPONSE);
        Optional<SlaClockUpdated> summary = ClockEvaluator.summary(TICKET, evaluation,
                new Published(null, null, null, null), null, minutes(10));
        assertThat(summary).contains(new SlaClockUpdated(TICKET, SlaMetric.FIRST_RESPONSE, minutes(60),
                ClockState.ON_TRACK, POLICY.id().toString(), minutes(10), firstReply.id()));

        Published same = new Published(POLICY.id(), Metric.FIRST_RESPONSE, minutes(60), "on_track");
        assertThat(ClockEvaluator.summary(TICKET, evaluation, same, POLICY.id(), minutes(11))).isEmpty();
    }

    @Test
    void aTicketNoPolicyEverMeasuredHasNoClocksAndNoSummary() {
        Evaluation evaluation = ClockEvaluator.evaluate(TICKET, "normal", Optional.empty(), NEW_TICKET, List.of(),
                target -> BusinessCalendar.twentyFourSeven(), minutes(10));
        assertThat(evaluation.clocks()).isEmpty();
        assertThat(ClockEvaluator.summary(TICKET, evaluation, new Published(null, null, null, null), null, minutes(10)))
                .isEmpty();
    }
}
