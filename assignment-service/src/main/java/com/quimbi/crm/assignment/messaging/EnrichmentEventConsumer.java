package com.quimbi.crm.assignment.messaging;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.assignment.assignment.AssignmentService;
import com.quimbi.crm.assignment.ticket.Tickets;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

import tools.jackson.databind.JsonNode;

/**
 * Category, customer tier and churn risk from quimbi-adapter. They usually arrive after ticket.created, so a
 * ticket may already be assigned without them (that assignment stands); a ticket still waiting is offered again
 * with the better information.
 */
@Component
class EnrichmentEventConsumer {

    private final IdempotentConsumer consumer;
    private final Tickets tickets;
    private final AssignmentService assignments;
    private final EventRoutes routes = EventRoutes.create().on(TicketEnriched.class, this::onEnriched);

    EnrichmentEventConsumer(IdempotentConsumer consumer, Tickets tickets, AssignmentService assignments) {
        this.consumer = consumer;
        this.tickets = tickets;
        this.assignments = assignments;
    }

    @KafkaListener(topics = Topics.ENRICHMENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onEnriched(EventEnvelope<JsonNode> envelope, TicketEnriched e) {
        tickets.saveEnrichment(e.ticketId(), customerId(e.customerId()), Wire.name(e.category()),
                Wire.name(e.customerTier()), e.churnRisk(), Wire.name(e.churnRiskLevel()));
        Instant since = envelope.occurredAt() != null ? envelope.occurredAt() : Instant.now();
        assignments.ticketNeedsAnAgent(e.ticketId(), since);
    }

    /** The contract's customer id is any id of up to 64 characters; ours are UUIDs, and continuity needs nothing else. */
    private static UUID customerId(String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
