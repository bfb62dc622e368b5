package com.quimbi.crm.automation.eventrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.macro.MacroActions;

/** The condition language, rule-set order and modes, and the firing limit that stops a rule loop. */
class RuleSelectionTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    static TicketFacts ticket(String priority, List<String> tags) {
        return new TicketFacts(UUID.randomUUID(), "open", priority, "email", tags, "Returns", "de", "vip", "high",
                "Wo ist meine Bestellung?", "Order #1001 never arrived", "ana@example.com", 2, NOW);
    }

    static EventRule rule(String name, String set, int position, EventConditions conditions, MacroActions actions,
            int maxFirings) {
        return new EventRule(UUID.randomUUID(), name, true, set, position, List.of(EventRule.UPDATED, EventRule.CREATED),
                conditions, actions, null, maxFirings, NOW, NOW, 0);
    }

    static EventConditions when(List<String> priorities) {
        return new EventConditions(null, priorities, null, null, null, null, null, null, null, null, null, null);
    }

    static MacroActions priority(String priority) {
        return new MacroActions(null, priority, null, null, null, null, null);
    }

    @Test
    void everyConditionMustHold() {
        TicketFacts t = ticket("high", List.of("order", "de"));
        EventConditions all = new EventConditions(List.of("open", "new"), List.of("high"), List.of("email"),
                List.of("order"), List.of("returns"), List.of("DE"), List.of("vip"), List.of("high"),
                List.of("NEVER ARRIVED"), true, 1, 2);
        assertThat(all.matches(t, true)).isTrue();
        assertThat(all.matches(t, false)).as("outside business hours").isFalse();
        assertThat(EventConditions.ANY.matches(t, false)).isTrue();

        List<EventConditions> failing = List.of(
                new EventConditions(List.of("pending"), null, null, null, null, null, null, null, null, null, null, null),
                new EventConditions(null, List.of("low"), null, null, null, null, null, null, null, null, null, null),
                new EventConditions(null, null, List.of("chat"), null, null, null, null, null, null, null, null, null),
                new EventConditions(null, null, null, List.of("order", "refund"), null, null, null, null, null, null, null, null),
                new EventConditions(null, null, null, null, List.of("billing"), null, null, null, null, null, null, null),
                new EventConditions(null, null, null, null, null, List.of("en"), null, null, null, null, null, null),
                new EventConditions(null, null, null, null, null, null, List.of("standard"), null, null, null, null, null),
                new EventConditions(null, null, null, null, null, null, null, List.of("low"), null, null, null, null),
                new EventConditions(null, null, null, null, null, null, null, null, List.of("refund"), null, null, null),
                new EventConditions(null, null, null, null, null, null, null, null, null, false, null, null),
                new EventConditions(null, null, null, null, null, null, null, null, null, null, 3, null),
                new EventConditions(null, null, null, null, null, null, null, null, null, null, null, 1));
        for (EventConditions c : failing) {
            assertThat(c.matches(t, true)).as(c.toString()).isFalse();
        }
        // the subject counts for text too; unknown values never match a list
        assertThat(new EventConditions(null, null, null, null, null, null, null, null, List.of("bestellung"), null,
                null, null).matches(t, true)).isTrue();
        TicketFacts unknown = new TicketFacts(t.ticketId(), "open", null, null, List.of(), null, null, null, null,
                null, null, null, 0, NOW);
        assertThat(new EventConditions(null, null, null, null, List.of("returns"), null, null, null, null, null, null,
                null).matches(unknown, true)).isFalse();
        assertThat(new EventConditions(null, null, null, null, null, null, null, null, List.of("x"), null, null,
                null).matches(unknown, true)).isFalse();
    }

    @Test
    void allMatchFiresEveryMatchingRuleInOrderFirstMatchOnlyTheFirstThatMayStillFire() {
        EventRule a = rule("a", "triage", 1, when(List.of("high")), priority("urgent"), 1);
        EventRule b = rule("b", "triage", 2, EventConditions.ANY, priority("low"), 1);
        EventRule c = rule("c", "tagging", 1, when(List.of("low")), priority("normal"), 1);
        EventRule other = new EventRule(UUID.randomUUID(), "only messages", true, "tagging", 2,
                List.of(EventRule.MESSAGE), EventConditions.ANY, priority("low"), null, 1, NOW, NOW, 0);
        // the engine gets them in set, position order
        List<EventRule> rules = List.of(c, other, a, b);
        TicketFacts t = ticket("high", List.of());

        assertThat(RuleSelection.select(rules, Map.of(), EventRule.UPDATED, t, true, Map.of()))
                .containsExactly(a, b);
        assertThat(RuleSelection.select(rules, Map.of("triage", RuleSelection.FIRST_MATCH), EventRule.UPDATED, t, true,
                Map.of())).containsExactly(a);
        // a at its limit: in first_match the next matching rule takes its place
        assertThat(RuleSelection.select(rules, Map.of("triage", RuleSelection.FIRST_MATCH), EventRule.UPDATED, t, true,
                Map.of(a.id(), 1))).containsExactly(b);
        assertThat(RuleSelection.select(rules, Map.of(), EventRule.MESSAGE, t, true, Map.of())).containsExactly(other);
    }

    /**
     * Two rules that undo each other's change: each firing changes the ticket, whose ticket.updated triggers the
     * other. The per-ticket per-rule limit stops the loop after maxFirings each.
     */
    @Test
    void aRuleLoopStopsAtTheFiringLimit() {
        EventRule up = rule("up", "default", 1, when(List.of("low")), priority("high"), 3);
        EventRule down = rule("down", "default", 2, when(List.of("high")), priority("low"), 3);
        TicketFacts t = ticket("low", List.of());
        Map<UUID, Integer> firings = new HashMap<>();
        List<String> fired = new ArrayList<>();
        for (int event = 0; event < 100; event++) {
            List<EventRule> selected = RuleSelection.select(List.of(up, down), Map.of(), EventRule.UPDATED, t, true,
                    firings);
            if (selected.isEmpty()) {
                break;
            }
            for (EventRule r : selected) {
                firings.merge(r.id(), 1, Integer::sum);
                fired.add(r.name());
                t = new TicketFacts(t.ticketId(), t.status(), r.actions().priority(), t.channel(), t.tags(),
                        t.category(), t.language(), t.tier(), t.churnRisk(), t.subject(), t.text(), t.customerEmail(),
                        t.previousTickets(), t.statusSince());
            }
        }
        assertThat(fired).containsExactly("up", "down", "up", "down", "up", "down");
        assertThat(firings).containsEntry(up.id(), 3).containsEntry(down.id(), 3);
        assertThat(t.priority()).isEqualTo("low");
    }
}
