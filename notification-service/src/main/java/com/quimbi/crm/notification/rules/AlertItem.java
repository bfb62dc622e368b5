package com.quimbi.crm.notification.rules;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing to tell someone about, as a delivery keeps it and every channel renders it: what happened ({@code kind},
 * {@code detail}), the ticket (number, subject, priority, channel, customer, tier), the SLA deadline, the holder, and
 * the console link. Values are wire names (lower case).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertItem(UUID eventId, EventKind kind, UUID ticketId, String number, String subject, String priority,
        String channel, String customer, String tier, String churnRisk, String metric, Instant deadline,
        String assigneeId, String assigneeName, String team, String detail, Instant occurredAt, String link) {

    /** {@code #4711 Parcel never arrived}, or the ticket id when the ticket is not known yet. */
    public String title() {
        String ref = number != null ? number : ticketId == null ? "" : String.valueOf(ticketId);
        return subject == null ? ref : ref + " " + subject;
    }

    /** A short human name of the kind. */
    public String headline() {
        return switch (kind) {
            case SLA_WARNING -> "SLA warning" + (metric == null ? "" : " (" + metric.replace('_', ' ') + ")");
            case SLA_BREACH -> "SLA breached" + (metric == null ? "" : " (" + metric.replace('_', ' ') + ")");
            case URGENT_TICKET -> "New urgent ticket";
            case VIP_CUSTOMER -> "VIP / high churn-risk customer";
            case MENTION -> "You were mentioned";
            case AGENT_ASSIGNED -> "Ticket assigned to you";
        };
    }
}
