package com.quimbi.crm.ticket.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.assignment.AssignmentTransferred;
import com.quimbi.crm.contracts.assignment.AssignmentUnassigned;
import com.quimbi.crm.ticket.ticket.TicketService;

import tools.jackson.databind.JsonNode;

/**
 * Who works a ticket (crm.assignment.events), kept on the ticket for lists and filters. A transfer to another
 * agent is followed by its own {@code assignment.assigned}; a transfer back to the queue leaves the ticket
 * without an assignee.
 */
@Component
class AssignmentEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(AssignmentEventConsumer.class);

    private final IdempotentConsumer consumer;
    private final TicketService tickets;
    private final EventRoutes routes = EventRoutes.create()
            .on(AssignmentAssigned.class, this::onAssigned)
            .on(AssignmentTransferred.class, this::onTransferred)
            .on(AssignmentUnassigned.class, this::onUnassigned);

    AssignmentEventConsumer(IdempotentConsumer consumer, TicketService tickets) {
        this.consumer = consumer;
        this.tickets = tickets;
    }

    @KafkaListener(topics = Topics.ASSIGNMENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onAssigned(EventEnvelope<JsonNode> event, AssignmentAssigned e) {
        if (!tickets.applyAssignment(e.ticketId(), e.assigneeId(), event.actorOrSystem())) {
            log.info("Assignment of unknown or deleted ticket {} ignored", e.ticketId());
        }
    }

    private void onTransferred(EventEnvelope<JsonNode> event, AssignmentTransferred e) {
        if (e.toAgentId() == null) {
            tickets.applyAssignment(e.ticketId(), null, event.actorOrSystem());
        }
    }

    private void onUnassigned(EventEnvelope<JsonNode> event, AssignmentUnassigned e) {
        tickets.applyAssignment(e.ticketId(), null, event.actorOrSystem());
    }
}
