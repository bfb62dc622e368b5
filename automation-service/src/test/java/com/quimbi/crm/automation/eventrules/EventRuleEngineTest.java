package com.quimbi.crm.automation.eventrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.quimbi.crm.automation.calendar.BusinessCalendar;
import com.quimbi.crm.automation.eventrules.internal.FiringStore;
import com.quimbi.crm.automation.eventrules.internal.FiringStore.Run;
import com.quimbi.crm.automation.macro.MacroActions;

/**
 * The decision in the ticket event's transaction, with the store mocked: which triggers evaluate, a queued run per
 * selected rule with its firing number, and the auto-reply only to e-mail customers once per window.
 */
class EventRuleEngineTest {

    // a Monday, 10:00 UTC: inside the default business hours
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Duration WINDOW = Duration.ofHours(12);

    FiringStore store = mock(FiringStore.class);
    EventRuleService rules = mock(EventRuleService.class);
    EventRuleEngine engine = new EventRuleEngine(store, rules, new BusinessCalendar(null, null, null, null, null),
            Clock.fixed(NOW, ZoneOffset.UTC), WINDOW);
    UUID ticketId = UUID.randomUUID();

    static EventRule rule(String trigger, String autoReply, EventConditions conditions) {
        return new EventRule(UUID.randomUUID(), "Rule " + trigger, true, "default", 0, List.of(trigger), conditions,
                new MacroActions(null, "high", null, null, null, null, null), autoReply, 2, NOW, NOW, 0);
    }

    static TicketFacts facts(UUID ticketId, String channel, String customerEmail) {
        return new TicketFacts(ticketId, "new", "normal", channel, List.of(), null, "en", null, null, "Where is it?",
                "Order 1001", customerEmail, 0, NOW);
    }

    @BeforeEach
    void setUp() {
        when(rules.modes()).thenReturn(Map.of());
        when(store.firings(ticketId)).thenReturn(Map.of());
    }

    Run queued() {
        ArgumentCaptor<Run> run = ArgumentCaptor.forClass(Run.class);
        verify(store).addRun(run.capture(), org.mockito.ArgumentMatchers.eq(NOW));
        return run.getValue();
    }

    @Test
    void aNewEmailTicketQueuesTheRuleWithItsAutoReplyWhenTheCustomersWindowIsFree() {
        EventRule rule = rule(EventRule.CREATED, "We got it, {{customer.first_name}}", EventConditions.ANY);
        when(rules.enabled()).thenReturn(List.of(rule));
        when(store.created(any(), any(), any(), any(), any(), any(), any(), any())).thenReturn(true);
        when(store.lockFacts(ticketId, "Order 1001")).thenReturn(Optional.of(facts(ticketId, "email", "ana@example.com")));
        when(store.fired(ticketId, rule.id(), NOW)).thenReturn(1);
        when(store.takeAutoReply("ana@example.com", NOW, WINDOW)).thenReturn(true);

        engine.ticketCreated(ticketId, "email", "en", "Where is it?", "Order 1001", UUID.randomUUID(),
                "ana@example.com", NOW);

        assertThat(queued()).isEqualTo(new Run(rule.id(), ticketId, 1, EventRule.CREATED, true, List.of()));
    }

    @Test
    void aCustomerAlreadyAnsweredInTheWindowGetsTheActionsButNoSecondAutoReply() {
        EventRule rule = rule(EventRule.MESSAGE, "We got it", EventConditions.ANY);
        when(rules.enabled()).thenReturn(List.of(rule));
        when(store.lockFacts(ticketId, "again?")).thenReturn(Optional.of(facts(ticketId, "email", "ana@example.com")));
        when(store.fired(ticketId, rule.id(), NOW)).thenReturn(2);
        when(store.takeAutoReply("ana@example.com", NOW, WINDOW)).thenReturn(false);

        engine.customerMessage(ticketId, "again?", NOW);

        verify(store).lastText(ticketId, "again?");
        assertThat(queued()).isEqualTo(new Run(rule.id(), ticketId, 2, EventRule.MESSAGE, false, List.of()));
    }

    @Test
    void noAutoReplyOutsideEmailOrWithoutAnAddressOrText() {
        EventRule replying = rule(EventRule.UPDATED, "We got it", EventConditions.ANY);
        when(rules.enabled()).thenReturn(List.of(replying));
        when(store.fired(ticketId, replying.id(), NOW)).thenReturn(1);

        when(store.lockFacts(ticketId, null)).thenReturn(Optional.of(facts(ticketId, "chat", "ana@example.com")));
        engine.ticketUpdated(ticketId, Map.of("priority", "high"), NOW);
        verify(store).changed(ticketId, Map.of("priority", "high"));
        assertThat(queued().autoReply()).isFalse();

        org.mockito.Mockito.clearInvocations(store);
        when(store.lockFacts(ticketId, null)).thenReturn(Optional.of(facts(ticketId, "email", null)));
        engine.ticketUpdated(ticketId, Map.of(), NOW);
        assertThat(queued().autoReply()).isFalse();
        verify(store, never()).takeAutoReply(anyString(), any(), any());
    }

    @Test
    void aRuleWithoutAutoReplyTakesNoSlot() {
        EventRule silent = rule(EventRule.CREATED, "  ", EventConditions.ANY);
        when(rules.enabled()).thenReturn(List.of(silent));
        when(store.created(any(), any(), any(), any(), any(), any(), any(), any())).thenReturn(true);
        when(store.lockFacts(ticketId, null)).thenReturn(Optional.of(facts(ticketId, "email", "ana@example.com")));
        when(store.fired(ticketId, silent.id(), NOW)).thenReturn(1);

        engine.ticketCreated(ticketId, "email", "en", "s", null, null, "ana@example.com", NOW);

        assertThat(queued().autoReply()).isFalse();
        verify(store, never()).takeAutoReply(anyString(), any(), any());
    }

    @Test
    void aRedeliveredCreationNoRulesOrAnUnknownTicketQueueNothing() {
        when(store.created(any(), any(), any(), any(), any(), any(), any(), any())).thenReturn(false);
        engine.ticketCreated(ticketId, "email", "en", "s", "d", null, null, NOW);
        verify(rules, never()).enabled();

        when(rules.enabled()).thenReturn(List.of());
        engine.customerMessage(ticketId, null, NOW);
        verify(store, never()).lockFacts(any(), any());

        when(rules.enabled()).thenReturn(List.of(rule(EventRule.MESSAGE, null, EventConditions.ANY)));
        when(store.lockFacts(ticketId, "")).thenReturn(Optional.empty());
        engine.customerMessage(ticketId, null, NOW);
        verify(store).lockFacts(ticketId, "");
        verify(store, never()).fired(any(), any(), any());
        verify(store, never()).addRun(any(), any());
    }

    @Test
    void enrichmentIsKeptAndFiresNothing() {
        engine.enriched(ticketId, "vip", "high", NOW);

        verify(store).enriched(ticketId, "vip", "high", NOW);
        verify(rules, never()).enabled();
    }
}
