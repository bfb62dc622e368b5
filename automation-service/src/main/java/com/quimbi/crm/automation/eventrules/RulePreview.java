package com.quimbi.crm.automation.eventrules;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The dry run of an event or time rule (enabled or not): which open tickets of the read model meet its conditions
 * now, and what it would change on each (against the read model, which may trail ticket-service by the event
 * lag). Event rules: the triggers aside, business hours as of now; time rules: when it is or was due. Changes
 * nothing.
 */
@Service
public class RulePreview {

    /** At most this many tickets are listed; {@code matching} counts them all. */
    static final int LISTED = 200;

    private final EventRuleStore eventRules;
    private final FiringStore facts;
    private final TimeRuleService timeRules;
    private final DuePlanner planner;
    private final BusinessCalendar calendar;
    private final JsonMapper json;
    private final Clock clock;

    RulePreview(EventRuleStore eventRules, FiringStore facts, TimeRuleService timeRules, DuePlanner planner,
            BusinessCalendar calendar, JsonMapper json, Clock clock) {
        this.eventRules = eventRules;
        this.facts = facts;
        this.timeRules = timeRules;
        this.planner = planner;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(UUID ticketId, String status, List<TicketChanges.Change> changes, boolean limitReached,
            Instant dueAt, Boolean autoReply) {
    }

    public record Result(UUID ruleId, String kind, String name, boolean enabled, int openTickets, int matching,
            boolean truncated, List<Match> tickets) {
    }

    @Transactional(readOnly = true)
    public Result preview(UUID ruleId) {
        Optional<EventRule> eventRule = eventRules.find(ruleId);
        if (eventRule.isPresent()) {
            return event(eventRule.get());
        }
        Optional<TimeRule> timeRule = timeRules.list().stream().filter(r -> r.id().equals(ruleId)).findFirst();
        return time(timeRule.orElseThrow(() -> new NotFoundException("Rule", ruleId)));
    }

    private Result event(EventRule rule) {
        boolean open = calendar.isOpen(clock.instant());
        Map<UUID, Integer> firings = facts.firingsOf(rule.id());
        List<TicketFacts> tickets = facts.openTickets();
        List<Match> matches = new ArrayList<>();
        for (TicketFacts ticket : tickets) {
            if (rule.conditions().matches(ticket, open)) {
                matches.add(new Match(ticket.ticketId(), ticket.status(), changes(rule.actions(), ticket),
                        firings.getOrDefault(ticket.ticketId(), 0) >= rule.maxFirings(), null,
                        rule.repliesToCustomer() ? EventRuleEngine.EMAIL.equals(ticket.channel()) : null));
            }
        }
        return result(rule.id(), "event_rule", rule.name(), rule.enabled(), tickets.size(), matches);
    }

    private Result time(TimeRule rule) {
        Map<UUID, Integer> firings = planner.firingsOf(rule.id());
        List<TicketFacts> tickets = facts.openTickets();
        List<Match> matches = new ArrayList<>();
        for (TicketFacts ticket : tickets) {
            if (rule.statuses().contains(ticket.status())
                    && (rule.priorities().isEmpty() || rule.priorities().contains(ticket.priority()))
                    && ticket.tags().containsAll(rule.tags())) {
                matches.add(new Match(ticket.ticketId(), ticket.status(), changes(rule.actions(), ticket),
                        firings.getOrDefault(ticket.ticketId(), 0) >= rule.maxFirings(),
                        DuePlanner.dueMoment(rule, ticket.statusSince(), calendar), null));
            }
        }
        return result(rule.id(), "time_rule", rule.name(), rule.enabled(), tickets.size(), matches);
    }

    private static Result result(UUID id, String kind, String name, boolean enabled, int open, List<Match> matches) {
        return new Result(id, kind, name, enabled, open, matches.size(), matches.size() > LISTED,
                List.copyOf(matches.subList(0, Math.min(LISTED, matches.size()))));
    }

    /** The read model as the ticket JSON TicketChanges reads. */
    private List<TicketChanges.Change> changes(MacroActions actions, TicketFacts ticket) {
        ObjectNode node = json.createObjectNode();
        node.put("status", ticket.status());
        node.put("priority", ticket.priority());
        node.put("category", ticket.category());
        var tags = node.putArray("tags");
        ticket.tags().forEach(tags::add);
        return TicketChanges.of(actions, node);
    }
}
