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
import com.quimbi.crm.ticket.messaging.IncomingData.TicketAssigned;
import com.quimbi.crm.ticket.messaging.IncomingData.TicketTransferred;
import com.quimbi.crm.ticket.messaging.IncomingData.TicketUnassigned;
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
            .on("assignment.assigned", TicketAssigned.class, this::onAssigned)
            .on("assignment.transferred", TicketTransferred.class, this::onTransferred)
            .on("assignment.unassigned", TicketUnassigned.class, this::onUnassigned);

    AssignmentEventConsumer(IdempotentConsumer consumer, TicketService tickets) {
        this.consumer = consumer;
        this.tickets = tickets;
    }

    @KafkaListener(topics = "crm.assignment.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onAssigned(EventEnvelope<JsonNode> event, TicketAssigned e) {
        if (!tickets.applyAssignment(e.ticketId(), e.assigneeId(), event.actorOrSystem())) {
            log.info("Assignment of unknown or deleted ticket {} ignored", e.ticketId());
        }
    }

    private void onTransferred(EventEnvelope<JsonNode> event, TicketTransferred e) {
        if (e.toAgentId() == null) {
            tickets.applyAssignment(e.ticketId(), null, event.actorOrSystem());
        }
    }

    private void onUnassigned(EventEnvelope<JsonNode> event, TicketUnassigned e) {
        tickets.applyAssignment(e.ticketId(), null, event.actorOrSystem());
    }
}
