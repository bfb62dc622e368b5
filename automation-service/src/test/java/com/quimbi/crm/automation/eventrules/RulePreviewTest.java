package com.quimbi.crm.automation.eventrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.calendar.BusinessCalendar;
import com.quimbi.crm.automation.eventrules.internal.EventRuleStore;
import com.quimbi.crm.automation.eventrules.internal.FiringStore;
import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.macro.TicketChanges;
import com.quimbi.crm.automation.planning.DuePlanner;
import com.quimbi.crm.automation.rules.TimeRule;
import com.quimbi.crm.automation.rules.TimeRuleService;
import com.quimbi.crm.platform.problem.NotFoundException;

import tools.jackson.databind.json.JsonMapper;

/**
 * The dry run over the read model with the stores mocked: which open tickets match, what would change, the firing
 * limit and auto-reply per ticket, a time rule's due moment, and the list cut at 200 with the full count.
 */
class RulePreviewTest {

    // a Monday, 10:00 UTC: inside the default business hours
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    EventRuleStore eventRules = mock(EventRuleStore.class);
    FiringStore facts = mock(FiringStore.class);
    TimeRuleService timeRules = mock(TimeRuleService.class);
    DuePlanner planner = mock(DuePlanner.class);
    RulePreview preview = new RulePreview(eventRules, facts, timeRules, planner,
            new BusinessCalendar(null, null, null, null, null), JsonMapper.builder().build(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static TicketFacts ticket(String status, String priority, String channel, List<String> tags) {
        return new TicketFacts(UUID.randomUUID(), status, priority, channel, tags, "Returns", "en", null, null, "s",
                "t", "ana@example.com", 0, NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void anEventRuleListsTheMatchingTicketsWithTheirChangesLimitAndAutoReply() {
        EventRule rule = new EventRule(UUID.randomUUID(), "Escalate", false, "default", 0, List.of(EventRule.CREATED),
                new EventConditions(null, List.of("high"), null, null, null, null, null, null, null, true, null, null),
                new MacroActions(null, "urgent", null, List.of("escalated"), null, null, null), "We are on it", 1, NOW,
                NOW, 0);
        TicketFacts email = ticket("open", "high", "email", List.of());
        TicketFacts chat = ticket("new", "high", "chat", List.of("escalated"));
        TicketFacts low = ticket("open", "low", "email", List.of());
        when(eventRules.find(rule.id())).thenReturn(Optional.of(rule));
        when(facts.openTickets()).thenReturn(List.of(email, chat, low));
        when(facts.firingsOf(rule.id())).thenReturn(Map.of(chat.ticketId(), 1));

        RulePreview.Result result = preview.preview(rule.id());

        assertThat(result.kind()).isEqualTo("event_rule");
        assertThat(result.enabled()).isFalse();
        assertThat(result.openTickets()).isEqualTo(3);
        assertThat(result.matching()).isEqualTo(2);
        assertThat(result.truncated()).isFalse();
        RulePreview.Match first = result.tickets().get(0);
        assertThat(first.ticketId()).isEqualTo(email.ticketId());
        assertThat(first.changes()).containsExactly(new TicketChanges.Change("priority", "high", "urgent"),
                new TicketChanges.Change("tags", List.of(), List.of("escalated")));
        assertThat(first.limitReached()).isFalse();
        assertThat(first.autoReply()).isTrue();
        assertThat(first.dueAt()).isNull();
        RulePreview.Match second = result.tickets().get(1);
        assertThat(second.limitReached()).isTrue();
        assertThat(second.autoReply()).isFalse();
        assertThat(second.changes()).containsExactly(new TicketChanges.Change("priority", "high", "urgent"));
    }

    @Test
    void aTimeRuleShowsWhenItIsDueOnEachMatchingTicket() {
        TimeRule rule = new TimeRule(UUID.randomUUID(), "Chase", true, List.of("pending"), List.of("normal"),
                List.of("waiting"), 90, false, new MacroActions("open", null, null, null, null, null, null), 2, NOW, NOW,
                0);
        TicketFacts due = ticket("pending", "normal", "email", List.of("waiting", "vip"));
        List<TicketFacts> others = List.of(ticket("open", "normal", "email", List.of("waiting")),
                ticket("pending", "high", "email", List.of("waiting")), ticket("pending", "normal", "email", List.of()));
        List<TicketFacts> all = new ArrayList<>(others);
        all.add(due);
        when(eventRules.find(rule.id())).thenReturn(Optional.empty());
        when(timeRules.list()).thenReturn(List.of(rule));
        when(facts.openTickets()).thenReturn(all);
        when(planner.firingsOf(rule.id())).thenReturn(Map.of(due.ticketId(), 2));

        RulePreview.Result result = preview.preview(rule.id());

        assertThat(result.kind()).isEqualTo("time_rule");
        assertThat(result.matching()).isEqualTo(1);
        assertThat(result.tickets()).singleElement().satisfies(match -> {
            assertThat(match.dueAt()).isEqualTo(due.statusSince().plus(Duration.ofMinutes(90)));
            assertThat(match.limitReached()).isTrue();
            assertThat(match.autoReply()).isNull();
            assertThat(match.changes()).containsExactly(new TicketChanges.Change("status", "pending", "open"));
        });
    }

    @Test
    void moreThanTwoHundredMatchesAreCutAndCounted() {
        EventRule rule = new EventRule(UUID.randomUUID(), "All", true, "default", 0, List.of(EventRule.CREATED),
                EventConditions.ANY, MacroActions.NONE, null, 1, NOW, NOW, 0);
        List<TicketFacts> many = new ArrayList<>();
        for (int i = 0; i < RulePreview.LISTED + 5; i++) {
            many.add(ticket("open", "normal", "email", List.of()));
        }
        when(eventRules.find(rule.id())).thenReturn(Optional.of(rule));
        when(facts.openTickets()).thenReturn(many);
        when(facts.firingsOf(rule.id())).thenReturn(Map.of());

        RulePreview.Result result = preview.preview(rule.id());

        assertThat(result.matching()).isEqualTo(205);
        assertThat(result.truncated()).isTrue();
        assertThat(result.tickets()).hasSize(200);
        assertThat(result.tickets().getFirst().autoReply()).isNull();
    }

    @Test
    void anUnknownRuleIsNotFound() {
        UUID unknown = UUID.randomUUID();
        when(eventRules.find(unknown)).thenReturn(Optional.empty());
        when(timeRules.list()).thenReturn(List.of());

        assertThatThrownBy(() -> preview.preview(unknown)).isInstanceOf(NotFoundException.class);
    }
}
