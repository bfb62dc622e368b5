package com.quimbi.crm.automation.eventrules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.calendar.BusinessCalendar;
import com.quimbi.crm.automation.eventrules.internal.FiringStore;
import com.quimbi.crm.automation.eventrules.internal.FiringStore.Run;

/**
 * Decides event-rule firings in the ticket event's own transaction (the inbox's): keeps the facts the conditions
 * look at, selects the rules ({@link RuleSelection}), counts each firing against its limit and queues it as an
 * {@code event_rule_run} that {@link EventRuleRuns} does on ticket-service. The inbox applies an event once, the
 * count and the queued run commit with it, so a redelivered event fires nothing again.
 */
@Service
public class EventRuleEngine {

    static final String EMAIL = "email";

    private final FiringStore store;
    private final EventRuleService rules;
    private final BusinessCalendar calendar;
    private final Clock clock;
    private final Duration autoReplyWindow;

    EventRuleEngine(FiringStore store, EventRuleService rules, BusinessCalendar calendar, Clock clock,
            @Value("${crm.automation.auto-reply-window:24h}") Duration autoReplyWindow) {
        this.store = store;
        this.rules = rules;
        this.calendar = calendar;
        this.clock = clock;
        this.autoReplyWindow = autoReplyWindow;
    }

    /** A new ticket (its rule_ticket row written by the planner in this transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void ticketCreated(UUID ticketId, String channel, String language, String subject, String description,
            UUID customerId, String customerEmail, Instant at) {
        if (store.created(ticketId, channel, language, subject, description, customerId, customerEmail, at)) {
            evaluate(ticketId, EventRule.CREATED, description, at);
        }
    }

    /** Fields or the status changed ({@code changes}: the new values by ticket.updated field name). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void ticketUpdated(UUID ticketId, Map<String, Object> changes, Instant at) {
        store.changed(ticketId, changes);
        evaluate(ticketId, EventRule.UPDATED, null, at);
    }

    /** A public message from the customer. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void customerMessage(UUID ticketId, String text, Instant at) {
        store.lastText(ticketId, text);
        evaluate(ticketId, EventRule.MESSAGE, text == null ? "" : text, at);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enriched(UUID ticketId, String tier, String churnRisk, Instant at) {
        store.enriched(ticketId, tier, churnRisk, at);
    }

    private void evaluate(UUID ticketId, String trigger, String text, Instant at) {
        List<EventRule> enabled = rules.enabled();
        if (enabled.isEmpty()) {
            return;
        }
        Optional<TicketFacts> facts = store.lockFacts(ticketId, text);
        if (facts.isEmpty()) {
            return; // unknown or deleted
        }
        Instant now = clock.instant();
        for (EventRule rule : RuleSelection.select(enabled, rules.modes(), trigger, facts.get(), calendar.isOpen(at),
                store.firings(ticketId))) {
            int firing = store.fired(ticketId, rule.id(), now);
            store.addRun(new Run(rule.id(), ticketId, firing, trigger, autoReply(rule, facts.get(), now), List.of()), now);
        }
    }

    /** E-mail tickets only, and once per customer per window (the slot is taken now, in this transaction). */
    private boolean autoReply(EventRule rule, TicketFacts ticket, Instant now) {
        return rule.repliesToCustomer() && EMAIL.equals(ticket.channel()) && ticket.customerEmail() != null
                && store.takeAutoReply(ticket.customerEmail(), now, autoReplyWindow);
    }
}
