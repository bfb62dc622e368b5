package com.quimbi.crm.automation.eventrules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which event rules fire for one trigger: rule sets in name order, rules in {@code position} (then name) order.
 * In an {@code all_match} set every matching rule fires; in a {@code first_match} set only the first matching
 * rule that has not reached its per-ticket firing limit. A rule at its limit never fires again on the ticket,
 * which is what stops two rules that undo each other's change.
 */
public final class RuleSelection {

    public static final String FIRST_MATCH = "first_match";
    public static final String ALL_MATCH = "all_match";

    private RuleSelection() {
    }

    /**
     * @param rules the enabled rules, in set and position order
     * @param modes each set's mode (absent: all_match)
     * @param firings how often each rule already fired on this ticket
     */
    public static List<EventRule> select(List<EventRule> rules, Map<String, String> modes, String trigger,
            TicketFacts ticket, boolean inBusinessHours, Map<UUID, Integer> firings) {
        Map<String, List<EventRule>> sets = new LinkedHashMap<>();
        rules.forEach(rule -> sets.computeIfAbsent(rule.ruleSet(), s -> new ArrayList<>()).add(rule));
        List<EventRule> firing = new ArrayList<>();
        sets.forEach((set, members) -> {
            boolean firstMatch = FIRST_MATCH.equals(modes.get(set));
            for (EventRule rule : members) {
                if (rule.matches(trigger, ticket, inBusinessHours)
                        && firings.getOrDefault(rule.id(), 0) < rule.maxFirings()) {
                    firing.add(rule);
                    if (firstMatch) {
                        break;
                    }
                }
            }
        });
        return firing;
    }
}
