package com.quimbi.crm.assignment.messaging;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.assignment.assignment.AssignmentService;
import com.quimbi.crm.assignment.ticket.Tickets;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.MalformedEventException;

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
    private final EventRoutes routes = EventRoutes.create()
            .on("enrichment.ticket_enriched", EnrichmentData.class, this::onEnriched);

    EnrichmentEventConsumer(IdempotentConsumer consumer, Tickets tickets, AssignmentService assignments) {
        this.consumer = consumer;
        this.tickets = tickets;
        this.assignments = assignments;
    }

    @KafkaListener(topics = "crm.enrichment.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onEnriched(EventEnvelope<JsonNode> envelope, EnrichmentData e) {
        if (e.ticketId() == null || e.category() == null || e.churnRisk() == null || e.churnRiskLevel() == null
                || e.customerTier() == null) {
            throw new MalformedEventException("enrichment.ticket_enriched without ticketId, category, churn or tier", null);
        }
        tickets.saveEnrichment(e.ticketId(), e.customerId(), e.category(), e.customerTier(), e.churnRisk(), e.churnRiskLevel());
        Instant since = envelope.occurredAt() != null ? envelope.occurredAt() : Instant.now();
        assignments.ticketNeedsAnAgent(e.ticketId(), since);
    }
}
