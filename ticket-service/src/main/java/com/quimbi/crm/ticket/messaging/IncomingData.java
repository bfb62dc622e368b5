package com.quimbi.crm.ticket.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.quimbi.crm.ticket.message.DeliveryStatus;
import com.quimbi.crm.ticket.ticket.TicketChannel;
import com.quimbi.crm.ticket.ticket.TicketPriority;
import com.quimbi.crm.ticket.ticket.TicketStatus;

/**
 * The parts of consumed events ticket-service reads (contracts/schemas/{enrichment,assignment,sla,integration}.*).
 * Unknown fields are ignored: contracts grow additively.
 */
final class IncomingData {

    private IncomingData() {
    }

    record TicketEnriched(UUID ticketId, String customerId, String category, Double categoryConfidence,
            String sentiment, Double sentimentScore, Double churnRisk, Double ltv, String customerTier, String language,
            Instant enrichedAt) {

        /** The numeric sentiment: the score when given, else a midpoint for the label. */
        Double sentimentValue() {
            if (sentimentScore != null) {
                return sentimentScore;
            }
            return sentiment == null ? null : switch (sentiment) {
                case "negative" -> -0.6;
                case "positive" -> 0.6;
                default -> 0.0;
            };
        }
    }

    record TicketAssigned(UUID ticketId, String assigneeId, Instant assignedAt) {
    }

    record TicketTransferred(UUID ticketId, String fromAgentId, String toAgentId, Instant transferredAt) {
    }

    record TicketUnassigned(UUID ticketId, Instant unassignedAt) {
    }

    record SlaClockUpdated(UUID ticketId, String metric, Instant nextDeadline, String state, Instant computedAt) {
    }

    record SlaBreached(UUID ticketId, String metric, Instant deadline, Instant breachedAt) {
    }

    record CustomerSynced(String source, String externalId, String email, String name, String phone) {
    }

    record TicketImported(String source, String externalTicketId, String subject, String description,
            TicketStatus status, TicketPriority priority, TicketChannel channel, String customerEmail,
            String customerName, List<String> tags, Instant createdAt) {
    }

    record MessageDeliveryUpdated(UUID messageId, UUID ticketId, DeliveryStatus status, String detail,
            Instant reportedAt) {
    }

    record MessageImported(String source, String externalTicketId, String externalMessageId, String authorType,
            String bodyText, String bodyHtml, Boolean internal, Instant createdAt) {
    }
}
