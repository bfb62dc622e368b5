package com.quimbi.crm.assignment.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.assignment.assignment.AssignmentService;
import com.quimbi.crm.assignment.assignment.Router;
import com.quimbi.crm.assignment.ticket.Tickets;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.assignment.CompletionReason;
import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.MessageDirection;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatus;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

import tools.jackson.databind.JsonNode;

/**
 * Keeps the ticket read model current and drives the ticket's assignment: created or reopened → routed;
 * solved, closed or deleted → the assignment completes and capacity frees; pending / on hold → it stops
 * counting toward the agent's load; the assignee's public reply → in progress.
 */
@Component
class TicketEventConsumer {

    private final IdempotentConsumer consumer;
    private final Tickets tickets;
    private final AssignmentService assignments;
    private final EventRoutes routes = EventRoutes.create()
            .on(TicketCreated.class, this::onCreated)
            .on(TicketUpdated.class, this::onUpdated)
            .on(TicketStatusChanged.class, this::onStatusChanged)
            .on(TicketDeleted.class, this::onDeleted)
            .on(MessageAdded.class, this::onMessageAdded);

    TicketEventConsumer(IdempotentConsumer consumer, Tickets tickets, AssignmentService assignments) {
        this.consumer = consumer;
        this.tickets = tickets;
        this.assignments = assignments;
    }

    @KafkaListener(topics = Topics.TICKET)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onCreated(TicketCreated t) {
        tickets.saveCreated(t.ticketId(), t.number(), t.subject(), Wire.name(t.status()), Wire.name(t.priority()),
                Wire.name(t.channel()), t.customerId(), t.language(), t.tags(), t.createdAt());
        assignments.ticketNeedsAnAgent(t.ticketId(), t.createdAt());
    }

    private void onUpdated(TicketUpdated t) {
        Map<String, Object> changes = new LinkedHashMap<>();
        t.changes().forEach((field, change) -> changes.put(field, change == null ? null : change.value()));
        tickets.applyChanges(t.ticketId(), changes);
    }

    private void onStatusChanged(EventEnvelope<JsonNode> envelope, TicketStatusChanged t) {
        tickets.changeStatus(t.ticketId(), Wire.name(t.to()));
        switch (Router.afterStatusChange(t.from(), t.to())) {
            case COMPLETE -> assignments.ticketEnded(t.ticketId(),
                    t.to() == TicketStatus.SOLVED ? CompletionReason.SOLVED
                            : CompletionReason.CLOSED, envelope.actor());
            // reopened: routed again; continuity prefers whoever helped last
            case ROUTE_AGAIN -> assignments.ticketNeedsAnAgent(t.ticketId(), t.changedAt());
            // pending / on hold: no longer counts toward the assignee's load
            case LOAD_FREED -> assignments.capacityMayHaveFreed();
            case NOTHING -> {
            }
        }
    }

    private void onDeleted(EventEnvelope<JsonNode> envelope, TicketDeleted t) {
        tickets.markDeleted(t.ticketId());
        assignments.ticketEnded(t.ticketId(), CompletionReason.DELETED, envelope.actor());
    }

    private void onMessageAdded(MessageAdded m) {
        if (m.authorType() == AuthorType.AGENT && m.direction() == MessageDirection.OUTBOUND && !m.internal()
                && m.authorId() != null) {
            try {
                assignments.assigneeReplied(m.ticketId(), UUID.fromString(m.authorId()));
            } catch (IllegalArgumentException e) {
                // an author id that is no agent id cannot be anyone's assignee
            }
        }
    }
}
