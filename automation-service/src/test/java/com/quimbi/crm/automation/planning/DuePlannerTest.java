package com.quimbi.crm.automation.planning;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.calendar.BusinessCalendar;
import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.planning.internal.PlanningStore;
import com.quimbi.crm.automation.planning.internal.PlanningStore.RuleTicket;
import com.quimbi.crm.automation.rules.TimeRule;
import com.quimbi.crm.automation.rules.TimeRuleService;
import com.quimbi.crm.automation.rules.TimeRulesChanged;

/**
 * The due moments kept per ticket with the store mocked: a replayed creation or an older status event changes
 * nothing, a priority or tag change re-plans, a deleted ticket has none, a rule change re-plans every ticket.
 */
class DuePlannerTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    PlanningStore store = mock(PlanningStore.class);
    TimeRuleService rules = mock(TimeRuleService.class);
    DuePlanner planner = new DuePlanner(store, rules, new BusinessCalendar(null, null, null, null, null));
    UUID ticketId = UUID.randomUUID();
    TimeRule urgentPending = new TimeRule(UUID.randomUUID(), "Urgent pending", true, List.of("pending"),
            List.of("urgent"), List.of(), 30, false, MacroActions.NONE, 1, T0, T0, 0);

    @BeforeEach
    void setUp() {
        when(rules.enabled()).thenReturn(List.of(urgentPending));
        when(store.firing(any(), any())).thenReturn(Optional.empty());
    }

    void stored(String status, String priority, Instant since) {
        when(store.lockTicket(ticketId)).thenReturn(Optional.of(new RuleTicket(ticketId, status, priority, List.of(),
                since, false)));
    }

    @Test
    void aReplayedCreationChangesNothing() {
        stored("pending", "urgent", T0);

        planner.ticketCreated(ticketId, "new", "low", List.of(), T0.plusSeconds(5));

        verify(store, never()).upsertTicket(any());
    }

    @Test
    void aNewTicketThatMatchesIsDueAfterTheRulesMinutes() {
        when(store.lockTicket(ticketId)).thenReturn(Optional.empty());

        planner.ticketCreated(ticketId, "pending", "urgent", List.of(), T0);

        verify(store).upsertTicket(new RuleTicket(ticketId, "pending", "urgent", List.of(), T0, false));
        verify(store).putDue(ticketId, urgentPending.id(), T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void anOlderOrRepeatedStatusEventIsIgnoredANewOneRestartsTheDuration() {
        stored("open", "urgent", T0);

        planner.statusChanged(ticketId, "pending", T0.minusSeconds(1));
        planner.statusChanged(ticketId, "open", T0.plusSeconds(60));
        verify(store, never()).upsertTicket(any());

        Instant later = T0.plus(Duration.ofHours(1));
        planner.statusChanged(ticketId, "pending", later);
        verify(store).upsertTicket(new RuleTicket(ticketId, "pending", "urgent", List.of(), later, false));
        verify(store).putDue(ticketId, urgentPending.id(), later.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aPriorityChangeReplansAndAnUnknownTicketIsLeftAlone() {
        stored("pending", "low", T0);

        planner.attributesChanged(ticketId, Optional.of("urgent"), Optional.empty());

        verify(store).upsertTicket(new RuleTicket(ticketId, "pending", "urgent", List.of(), T0, false));
        verify(store).clearDue(ticketId);
        verify(store).putDue(ticketId, urgentPending.id(), T0.plus(Duration.ofMinutes(30)));

        UUID unknown = UUID.randomUUID();
        when(store.lockTicket(unknown)).thenReturn(Optional.empty());
        planner.attributesChanged(unknown, Optional.of("urgent"), Optional.of(List.of("vip")));
        planner.deleted(unknown);
        verify(store, never()).clearDue(unknown);
    }

    @Test
    void aDeletedTicketHasNoDueMomentsEvenWhenReplanned() {
        stored("pending", "urgent", T0);
        planner.deleted(ticketId);
        verify(store).upsertTicket(new RuleTicket(ticketId, "pending", "urgent", List.of(), T0, true));
        verify(store).clearDue(ticketId);

        when(store.lockTicket(ticketId)).thenReturn(Optional.of(new RuleTicket(ticketId, "pending", "urgent",
                List.of(), T0, true)));
        planner.replan(ticketId);
        verify(store, never()).putDue(any(), any(), any());
    }

    @Test
    void aRuleChangeReplansEveryActiveTicket() {
        UUID other = UUID.randomUUID();
        stored("pending", "urgent", T0);
        when(store.lockTicket(other)).thenReturn(Optional.of(new RuleTicket(other, "open", "urgent", List.of(), T0,
                false)));
        when(store.activeTickets()).thenReturn(List.of(ticketId, other));

        planner.rulesChanged(new TimeRulesChanged());

        verify(store).clearDue(ticketId);
        verify(store).clearDue(other);
        verify(store).putDue(ticketId, urgentPending.id(), T0.plus(Duration.ofMinutes(30)));
        verify(store, never()).putDue(org.mockito.ArgumentMatchers.eq(other), any(), any());
    }
}
