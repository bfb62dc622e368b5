package com.quimbi.crm.automation.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.calendar.BusinessCalendar;
import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.ServiceAccount;
import com.quimbi.crm.automation.peers.TicketDesk;
import com.quimbi.crm.automation.planning.internal.PlanningStore;
import com.quimbi.crm.automation.planning.internal.PlanningStore.Due;
import com.quimbi.crm.automation.planning.internal.PlanningStore.RuleTicket;
import com.quimbi.crm.automation.rules.TimeRule;
import com.quimbi.crm.automation.rules.TimeRuleService;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A due time rule when the ticket or rule changed meanwhile (stale: nothing done) and when ticket-service or
 * Keycloak fails: unavailable or unreadable → back in 30 s, not counted; refused → counted, never retried.
 * (The happy path against Postgres and a ticket-service stand-in: TimeRulesIT.) And the scheduler's polling.
 */
class RuleFiringTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Instant SINCE = NOW.minus(Duration.ofHours(2));

    PlanningStore store = mock(PlanningStore.class);
    TimeRuleService rules = mock(TimeRuleService.class);
    DuePlanner planner = new DuePlanner(store, rules, new BusinessCalendar(null, null, null, null, null));
    TicketDesk desk = mock(TicketDesk.class);
    RuleActions actions = mock(RuleActions.class);
    ServiceAccount account = mock(ServiceAccount.class);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RuleFiring firing = new RuleFiring(store, rules, planner, desk, actions, account, Clock.fixed(NOW, ZoneOffset.UTC),
            Optional.of(meters));

    UUID ticketId = UUID.randomUUID();
    TimeRule rule = new TimeRule(UUID.randomUUID(), "Chase pending", true, List.of("pending"), List.of(), List.of(),
            60, false, new MacroActions(null, null, null, List.of("chased"), null, null, "Waiting on {{customer.name}}"),
            2, NOW, NOW, 0);
    Instant dueAt = SINCE.plus(Duration.ofMinutes(60));
    TicketDesk.TicketView view = new TicketDesk.TicketView(JsonMapper.builder().build().readTree("""
            {"number":"T-1","priority":"normal","tags":[],"customer":{"name":"Ana López"}}"""), "\"3\"");

    @BeforeEach
    void setUp() {
        when(rules.enabled()).thenReturn(List.of(rule));
        when(store.lockTicket(ticketId)).thenReturn(Optional.of(new RuleTicket(ticketId, "pending", "normal", List.of(),
                SINCE, false)));
        when(store.firing(ticketId, rule.id())).thenReturn(Optional.empty());
        when(store.takeNextDue(NOW)).thenReturn(Optional.of(new Due(ticketId, rule.id(), dueAt)));
        when(account.token()).thenReturn("service-token");
        when(desk.ticket(ticketId, "service-token")).thenReturn(view);
    }

    double counted(String outcome) {
        return meters.counter("crm_automation_time_rule_firings", "outcome", outcome).count();
    }

    String key() {
        return "time-rule:" + rule.id() + ":" + ticketId + ":1";
    }

    @Test
    void nothingDueIsNothingToDo() {
        when(store.takeNextDue(NOW)).thenReturn(Optional.empty());
        assertThat(firing.fireNextDue()).isFalse();
    }

    @Test
    void aDueRuleNotesAndPatchesAsTheServiceAccountCountsAndReplans() {
        assertThat(firing.fireNextDue()).isTrue();

        verify(actions).note(eq(ticketId), org.mockito.ArgumentMatchers.contains("Waiting on Ana López"),
                eq("service-token"), eq(key() + ":note"));
        verify(actions).patch(ticketId, rule.actions(), view, "service-token", key() + ":fields");
        verify(store).fired(ticketId, rule.id(), NOW);
        verify(store).clearDue(ticketId); // the re-plan
        assertThat(counted("fired")).isEqualTo(1);
    }

    @Test
    void ticketServiceOrKeycloakDownBringsTheRowBackLaterUncounted() {
        doThrow(new PeerException("ticket-service", 503, "down")).when(actions)
                .patch(any(), any(), any(), anyString(), anyString());
        assertThat(firing.fireNextDue()).isTrue();

        when(account.token()).thenThrow(new PeerException("keycloak", 0, "refused"));
        assertThat(firing.fireNextDue()).isTrue();

        verify(store, org.mockito.Mockito.times(2)).putDue(ticketId, rule.id(), NOW.plus(RuleFiring.RETRY));
        verify(store, never()).fired(any(), any(), any());
        assertThat(counted("retry")).isEqualTo(2);
    }

    @Test
    void anAnswerThatCannotBeReadIsRetriedLaterToo() {
        when(desk.ticket(ticketId, "service-token")).thenThrow(new IllegalStateException("not JSON"));

        assertThat(firing.fireNextDue()).isTrue();

        verify(store).putDue(ticketId, rule.id(), NOW.plus(RuleFiring.RETRY));
        verify(store, never()).fired(any(), any(), any());
    }

    @Test
    void aRefusalCountsAsAFiringAndIsNotRetried() {
        doThrow(new PeerException("ticket-service", 409, "closed ticket")).when(actions)
                .note(any(), any(), anyString(), anyString());

        assertThat(firing.fireNextDue()).isTrue();

        verify(store).fired(ticketId, rule.id(), NOW);
        verify(store, never()).putDue(eq(ticketId), eq(rule.id()), eq(NOW.plus(RuleFiring.RETRY)));
        assertThat(counted("refused")).isEqualTo(1);
    }

    @Test
    void theFiringNumberFollowsTheFiringsSoFar() {
        when(store.firing(ticketId, rule.id())).thenReturn(Optional.of(new PlanningStore.Firing(1, SINCE.minusSeconds(60))));

        firing.fireNextDue();

        verify(actions).patch(ticketId, rule.actions(), view, "service-token",
                "time-rule:" + rule.id() + ":" + ticketId + ":2:fields");
    }

    @Test
    void aRowThatNoLongerAppliesIsStaleAndDoesNothing() {
        List<Runnable> changes = new ArrayList<>(List.of(
                () -> when(store.lockTicket(ticketId)).thenReturn(Optional.empty()),
                () -> when(store.lockTicket(ticketId)).thenReturn(Optional.of(new RuleTicket(ticketId, "pending",
                        "normal", List.of(), SINCE, true))),
                () -> when(store.lockTicket(ticketId)).thenReturn(Optional.of(new RuleTicket(ticketId, "open",
                        "normal", List.of(), SINCE, false))),
                () -> when(store.lockTicket(ticketId)).thenReturn(Optional.of(new RuleTicket(ticketId, "pending",
                        "normal", List.of(), SINCE.plusSeconds(60), false))),
                () -> when(store.firing(ticketId, rule.id())).thenReturn(Optional.of(new PlanningStore.Firing(2,
                        SINCE.minusSeconds(60)))),
                () -> when(rules.enabled()).thenReturn(List.of())));
        for (Runnable change : changes) {
            setUp();
            change.run();
            assertThat(firing.fireNextDue()).isTrue();
        }

        verify(account, never()).token();
        verify(store, never()).fired(any(), any(), any());
        assertThat(counted("stale")).isEqualTo(changes.size());
    }

    // --- the scheduler's threads

    @Test
    void thePollDrainsTimeRulesAndTheOtherWorkAndSurvivesAFailure() {
        RuleFiring due = mock(RuleFiring.class);
        AtomicInteger eventRuns = new AtomicInteger(3);
        DueWork events = () -> eventRuns.getAndDecrement() > 0;
        TimeRuleScheduler scheduler = new TimeRuleScheduler(due, List.of(events), 1, Duration.ofMinutes(10));
        when(due.fireNextDue()).thenReturn(true, false);

        scheduler.poll();
        verify(due, never()).fireNextDue(); // not started: no work

        scheduler.start();
        scheduler.start(); // a second start keeps the one pool
        try {
            // the first poll runs at once: time rules are done after 2 calls, the event runs keep it going
            await().atMost(Duration.ofSeconds(5)).until(() -> eventRuns.get() < 0);
            verify(due, org.mockito.Mockito.times(4)).fireNextDue();

            when(due.fireNextDue()).thenThrow(new IllegalStateException("database away"));
            scheduler.poll();
            assertThat(scheduler.isRunning()).isTrue();
        } finally {
            scheduler.stop();
            scheduler.stop();
        }
        assertThat(scheduler.isRunning()).isFalse();
    }

    @Test
    void theSchedulerNeedsAThread() {
        assertThatThrownBy(() -> new TimeRuleScheduler(mock(RuleFiring.class), List.of(), 0, Duration.ofMillis(200)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
