package com.quimbi.crm.automation.eventrules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.quimbi.crm.automation.macro.MacroActions;

/**
 * "When one of {@code triggers} happens to a ticket that meets {@code conditions} → {@code actions} (and an
 * {@code autoReply} to the customer by e-mail)", at most {@code maxFirings} times per ticket. Rules are ordered
 * by {@code position} within their {@code ruleSet}, whose mode says whether all matching rules fire or the first.
 */
public record EventRule(UUID id, String name, boolean enabled, String ruleSet, int position, List<String> triggers,
        EventConditions conditions, MacroActions actions, String autoReply, int maxFirings, Instant createdAt,
        Instant updatedAt, long version) {

    public static final String CREATED = "ticket_created";
    public static final String UPDATED = "ticket_updated";
    public static final String MESSAGE = "message_added";

    /** Whether the rule would fire on {@code trigger} for {@code ticket} now (the firing limit aside). */
    public boolean matches(String trigger, TicketFacts ticket, boolean inBusinessHours) {
        return enabled && triggers.contains(trigger) && conditions.matches(ticket, inBusinessHours);
    }

    public boolean repliesToCustomer() {
        return autoReply != null && !autoReply.isBlank();
    }
}
