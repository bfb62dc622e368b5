package com.quimbi.crm.integration.gorgias;

import java.time.Instant;

import com.quimbi.crm.contracts.ticket.TicketStatus;

/**
 * Gorgias has two statuses, {@code open} and {@code closed}, and snoozing (a closed ticket with a
 * {@code snooze_datetime} that reopens by itself then). Ours → theirs and back:
 * <pre>
 * Gorgias open                                  → open
 * Gorgias closed + snooze_datetime in the future → pending  (waiting; it comes back)
 * Gorgias closed                                → solved   (a customer reply reopens it, as in Gorgias)
 * ours new, open, pending, on_hold              → open
 * ours solved, closed                           → closed
 * </pre>
 */
public final class GorgiasStatus {

    private GorgiasStatus() {
    }

    public static TicketStatus toOurs(String gorgiasStatus, Instant snoozeUntil, Instant now) {
        if ("closed".equalsIgnoreCase(gorgiasStatus)) {
            return snoozeUntil != null && snoozeUntil.isAfter(now) ? TicketStatus.PENDING : TicketStatus.SOLVED;
        }
        return TicketStatus.OPEN;
    }

    public static String toGorgias(TicketStatus ours) {
        return ours == TicketStatus.SOLVED || ours == TicketStatus.CLOSED ? "closed" : "open";
    }
}
