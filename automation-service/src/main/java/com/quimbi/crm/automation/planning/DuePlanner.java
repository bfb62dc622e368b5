package com.quimbi.crm.automation.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.calendar.BusinessCalendar;
import com.quimbi.crm.automation.planning.internal.PlanningStore;
import com.quimbi.crm.automation.planning.internal.PlanningStore.RuleTicket;
import com.quimbi.crm.automation.rules.TimeRule;
import com.quimbi.crm.automation.rules.TimeRuleService;
import com.quimbi.crm.automation.rules.TimeRulesChanged;

/**
 * Keeps each ticket's due moments: for every enabled rule whose conditions the ticket meets now, due = the moment
 * it entered its status + the rule's duration; no row when the rule does not match, already fired in this status
 * interval, or reached its per-ticket firing limit. Re-planned on every ticket event and rule change, so nothing
 * scans tickets to find work: the scheduler only reads the due index.
 */
@Service
public class DuePlanner {

    private final PlanningStore store;
    private final TimeRuleService rules;
    private final BusinessCalendar calendar;

    DuePlanner(PlanningStore store, TimeRuleService rules, BusinessCalendar calendar) {
        this.store = store;
        this.rules = rules;
        this.calendar = calendar;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void ticketCreated(UUID ticketId, String status, String priority, List<String> tags, Instant at) {
        if (store.lockTicket(ticketId).isPresent()) {
            return; // a redelivered or replayed creation: the model already moved on
        }
        RuleTicket ticket = new RuleTicket(ticketId, status, priority, tags, at, false);
        store.upsertTicket(ticket);
        plan(ticket, rules.enabled());
    }

    /** A status change restarts the duration; an event older than the current status is ignored. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void statusChanged(UUID ticketId, String status, Instant at) {
        store.lockTicket(ticketId).ifPresent(t -> {
            if (at.isBefore(t.statusSince()) || t.status().equals(status)) {
                return;
            }
            RuleTicket changed = new RuleTicket(ticketId, status, t.priority(), t.tags(), at, t.deleted());
            store.upsertTicket(changed);
            plan(changed, rules.enabled());
        });
    }

    /** Priority and/or tags changed (null = unchanged): conditions may match now, or no longer. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void attributesChanged(UUID ticketId, Optional<String> priority, Optional<List<String>> tags) {
        store.lockTicket(ticketId).ifPresent(t -> {
            RuleTicket changed = new RuleTicket(ticketId, t.status(), priority.orElse(t.priority()),
                    tags.orElse(t.tags()), t.statusSince(), t.deleted());
            store.upsertTicket(changed);
            plan(changed, rules.enabled());
        });
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void deleted(UUID ticketId) {
        store.lockTicket(ticketId).ifPresent(t -> {
            store.upsertTicket(new RuleTicket(ticketId, t.status(), t.priority(), t.tags(), t.statusSince(), true));
            store.clearDue(ticketId);
        });
    }

    /** A rule was created, changed or deleted: every open ticket's due moments, in the same transaction. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void rulesChanged(TimeRulesChanged changed) {
        List<TimeRule> enabled = rules.enabled();
        for (UUID ticketId : store.activeTickets()) {
            store.lockTicket(ticketId).ifPresent(t -> plan(t, enabled));
        }
    }

    /** Re-plans a locked ticket (also after a firing). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void replan(UUID ticketId) {
        store.lockTicket(ticketId).ifPresent(t -> plan(t, rules.enabled()));
    }

    private void plan(RuleTicket ticket, List<TimeRule> enabled) {
        store.clearDue(ticket.ticketId());
        if (ticket.deleted()) {
            return;
        }
        for (TimeRule rule : enabled) {
            dueAt(ticket, rule).ifPresent(due -> store.putDue(ticket.ticketId(), rule.id(), due));
        }
    }

    /** How often {@code rule} fired, by ticket (for a dry run). */
    @Transactional(readOnly = true)
    public Map<UUID, Integer> firingsOf(UUID ruleId) {
        return store.firingsOf(ruleId);
    }

    /** When {@code rule} is due on {@code ticket}, if it may fire at all. */
    Optional<Instant> dueAt(RuleTicket ticket, TimeRule rule) {
        if (!rule.matches(ticket.status(), ticket.priority(), ticket.tags())) {
            return Optional.empty();
        }
        Optional<PlanningStore.Firing> firing = store.firing(ticket.ticketId(), rule.id());
        if (firing.isPresent() && (firing.get().firings() >= rule.maxFirings()
                || !firing.get().lastFiredAt().isBefore(ticket.statusSince()))) {
            return Optional.empty();
        }
        return Optional.of(dueMoment(rule, ticket.statusSince(), calendar));
    }

    /** {@code afterMinutes} after {@code since}: calendar time, or working time when the rule asks for it. */
    public static Instant dueMoment(TimeRule rule, Instant since, BusinessCalendar calendar) {
        Duration duration = Duration.ofMinutes(rule.afterMinutes());
        return rule.businessTime() ? calendar.plus(since, duration) : since.plus(duration);
    }
}
