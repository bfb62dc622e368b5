package com.quimbi.crm.automation.eventrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.eventrules.internal.FiringStore;
import com.quimbi.crm.automation.eventrules.internal.FiringStore.Run;
import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.ServiceAccount;
import com.quimbi.crm.automation.peers.TicketDesk;
import com.quimbi.crm.automation.planning.RuleActions;

import tools.jackson.databind.json.JsonMapper;

/**
 * A queued event-rule firing when ticket-service fails: unavailable → the run comes back later keeping the steps
 * already done; refused → dropped; a retry repeats no step. (The happy path runs against Postgres in TimeRulesIT.)
 */
class EventRuleRunsTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    FiringStore store = mock(FiringStore.class);
    EventRuleService rules = mock(EventRuleService.class);
    TicketDesk desk = mock(TicketDesk.class);
    RuleActions actions = mock(RuleActions.class);
    ServiceAccount account = mock(ServiceAccount.class);
    EventRuleRuns runs = new EventRuleRuns(store, rules, desk, actions, account, Clock.fixed(NOW, ZoneOffset.UTC),
            Optional.empty());
    EventRule rule = new EventRule(UUID.randomUUID(), "Refunds", true, "default", 0, List.of(EventRule.CREATED),
            EventConditions.ANY, new MacroActions(null, "high", null, null, null, null, "n"), "Hi {{customer.first_name}}",
            1, NOW, NOW, 0);
    UUID ticketId = UUID.randomUUID();
    TicketDesk.TicketView view = new TicketDesk.TicketView(JsonMapper.builder().build().readTree("""
            {"number":"T-1","priority":"normal","tags":[],"customer":{"name":"Ana López"}}"""), "\"3\"");

    @BeforeEach
    void setUp() {
        when(rules.get(rule.id())).thenReturn(rule);
        when(account.token()).thenReturn("token");
        when(desk.ticket(ticketId, "token")).thenReturn(view);
    }

    Run run(List<String> stepsDone) {
        Run run = new Run(rule.id(), ticketId, 1, EventRule.CREATED, true, stepsDone);
        when(store.takeNextRun(NOW)).thenReturn(Optional.of(run));
        return run;
    }

    @Test
    void nothingQueuedIsNothingToDo() {
        when(store.takeNextRun(NOW)).thenReturn(Optional.empty());
        assertThat(runs.runNext()).isFalse();
    }

    @Test
    void anUnavailablePeerBringsTheRunBackLaterWithTheStepsDoneKept() {
        Run run = run(List.of());
        doThrow(new PeerException("ticket-service", 0, "down")).when(actions)
                .patch(eq(ticketId), any(), any(), anyString(), anyString());
        assertThat(runs.runNext()).isTrue();
        verify(store).stepDone(run, "note");
        verify(store).stepDone(run, "reply");
        verify(desk).addMessage(eq(ticketId), any(), eq("token"), eq("event-rule:" + rule.id() + ":" + ticketId + ":1:reply"));
        verify(store).retryAt(run, NOW.plus(EventRuleRuns.RETRY));
        verify(store, never()).done(run);
    }

    @Test
    void aRetryRepeatsNoStepAlreadyDone() {
        Run run = run(List.of("note", "reply"));
        assertThat(runs.runNext()).isTrue();
        verify(actions, never()).note(any(), any(), any(), any());
        verify(desk, never()).addMessage(any(), any(), any(), any());
        verify(actions).patch(ticketId, rule.actions(), view, "token", "event-rule:" + rule.id() + ":" + ticketId + ":1:fields");
        verify(store).done(run);
    }

    @Test
    void aRefusalDropsTheRunAndAnUnreadableAnswerRetries() {
        Run run = run(List.of("note", "reply"));
        doThrow(new PeerException("ticket-service", 409, "closed")).when(actions)
                .patch(eq(ticketId), any(), any(), anyString(), anyString());
        assertThat(runs.runNext()).isTrue();
        verify(store).done(run);

        doThrow(new IllegalStateException("not JSON")).when(actions)
                .patch(eq(ticketId), any(), any(), anyString(), anyString());
        assertThat(runs.runNext()).isTrue();
        verify(store).retryAt(run, NOW.plus(EventRuleRuns.RETRY));
    }

    @Test
    void keycloakDownBringsTheRunBackBeforeAnyStep() {
        Run run = run(List.of());
        when(account.token()).thenThrow(new PeerException("keycloak", 0, "connection refused"));

        assertThat(runs.runNext()).isTrue();

        verify(store).retryAt(run, NOW.plus(EventRuleRuns.RETRY));
        verify(store, never()).stepDone(any(), anyString());
        verify(desk, never()).ticket(any(), any());
    }

    @Test
    void withoutAnAutoReplySlotOnlyTheNoteAndFieldsAreDone() {
        Run run = new Run(rule.id(), ticketId, 2, EventRule.UPDATED, false, List.of());
        when(store.takeNextRun(NOW)).thenReturn(Optional.of(run));

        assertThat(runs.runNext()).isTrue();

        verify(actions).note(eq(ticketId), anyString(), eq("token"),
                eq("event-rule:" + rule.id() + ":" + ticketId + ":2:note"));
        verify(desk, never()).addMessage(any(), any(), any(), any());
        verify(store, never()).stepDone(run, "reply");
        verify(store).done(run);
    }
}
