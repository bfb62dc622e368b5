package com.quimbi.crm.ticket.ticket;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.quimbi.crm.contracts.customer.CustomerTier;

/**
 * The smart order of the ticket list, in one place.
 *
 * <p>The score is a moment: the ticket's <em>smart due time</em>. The list sorts by it ascending (earliest =
 * most urgent). A moment rather than a number of points is what lets it be stored and indexed: age and
 * "time left until the SLA deadline" both grow at the same rate for every ticket, so the order between two
 * tickets never changes just because the clock moved. It is recomputed only when an input changes (priority,
 * status, SLA deadline, enrichment).
 *
 * <pre>
 * due   = min(createdAt + window(priority), slaNextDeadline)        window: urgent 1 h, high 4 h, normal 24 h, low 72 h
 * boost = (vip ? 240 : 0)                                            minutes
 *       + min(240, 60 * log10(1 + ltv / 100))                        customer lifetime value (LTV, in the shop currency)
 *       + 360 * churnRisk                                            churnRisk in [0, 1]
 *       + 180 * max(0, -sentiment)                                   sentiment in [-1, 1]; only unhappy customers move up
 * smartDue = due - boost + parking(status)                           parking: new/open 0, pending/on_hold 30 days,
 *                                                                    solved/closed 3650 days (sink below live work)
 * </pre>
 * Missing inputs count as 0 (no boost). Example: a normal ticket from a VIP (LTV 1,000, churn 0.5, neutral)
 * is due 24 h − (240 + 62 + 180) min ≈ 16 h after it was opened, ahead of a plain normal ticket opened
 * 7 hours before it.
 */
public final class TicketScore {

    static final Duration PENDING_PARKING = Duration.ofDays(30);
    static final Duration DONE_PARKING = Duration.ofDays(3650);

    private TicketScore() {
    }

    public record Inputs(TicketStatus status, TicketPriority priority, Instant createdAt, Instant slaNextDeadline,
            CustomerTier tier, Double ltv, Double churnRisk, Double sentiment) {
    }

    public static Duration window(TicketPriority priority) {
        return switch (priority) {
            case URGENT -> Duration.ofHours(1);
            case HIGH -> Duration.ofHours(4);
            case NORMAL -> Duration.ofHours(24);
            case LOW -> Duration.ofHours(72);
        };
    }

    /** The boost in minutes for who the customer is and how they feel. */
    public static double boostMinutes(CustomerTier tier, Double ltv, Double churnRisk, Double sentiment) {
        double boost = tier == CustomerTier.VIP ? 240 : 0;
        if (ltv != null && ltv > 0) {
            boost += Math.min(240, 60 * Math.log10(1 + ltv / 100));
        }
        if (churnRisk != null) {
            boost += 360 * clamp(churnRisk, 0, 1);
        }
        if (sentiment != null) {
            boost += 180 * Math.max(0, -clamp(sentiment, -1, 1));
        }
        return boost;
    }

    public static Instant smartDue(Inputs in) {
        Instant due = in.createdAt().plus(window(in.priority()));
        if (in.slaNextDeadline() != null && in.slaNextDeadline().isBefore(due)) {
            due = in.slaNextDeadline();
        }
        long boostSeconds = Math.round(boostMinutes(in.tier(), in.ltv(), in.churnRisk(), in.sentiment()) * 60);
        due = due.minusSeconds(boostSeconds);
        due = switch (in.status()) {
            case NEW, OPEN -> due;
            case PENDING, ON_HOLD -> due.plus(PENDING_PARKING);
            case SOLVED, CLOSED -> due.plus(DONE_PARKING);
        };
        return due.truncatedTo(ChronoUnit.MICROS);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
