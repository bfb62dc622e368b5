package com.quimbi.crm.assignment.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.assignment.assignment.AssignmentService;
import com.quimbi.crm.assignment.assignment.CompletionReason;
import com.quimbi.crm.assignment.ticket.Tickets;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.MalformedEventException;

import tools.jackson.databind.JsonNode;

/**
 * Keeps the ticket read model current and drives the ticket's assignment: created or reopened → routed;
 * solved, closed or deleted → the assignment completes and capacity frees; pending / on hold → it stops
 * counting toward the agent's load; the assignee's public reply → in progress.
 */
@Component
class TicketEventConsumer {

    private static final Set<String> ENDED = Set.of("solved", "closed");

    private final IdempotentConsumer consumer;
    private final Tickets tickets;
    private final AssignmentService assignments;
    private final EventRoutes routes = EventRoutes.create()
            .on("ticket.created", TicketData.class, this::onCreated)
            .on("ticket.updated", TicketData.class, this::onUpdated)
            .on("ticket.status_changed", TicketData.class, this::onStatusChanged)
            .on("ticket.deleted", TicketData.class, this::onDeleted)
            .on("message.added", TicketData.class, this::onMessageAdded);

    TicketEventConsumer(IdempotentConsumer consumer, Tickets tickets, AssignmentService assignments) {
        this.consumer = consumer;
        this.tickets = tickets;
        this.assignments = assignments;
    }

    @KafkaListener(topics = "crm.ticket.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onCreated(TicketData t) {
        require(t.ticketId() != null && t.status() != null && t.priority() != null && t.channel() != null
                && t.createdAt() != null, "ticket.created without ticketId, status, priority, channel or createdAt");
        tickets.saveCreated(t.ticketId(), t.number(), t.subject(), t.status(), t.priority(), t.channel(), t.customerId(),
                t.language(), t.tags(), t.createdAt());
        assignments.ticketNeedsAnAgent(t.ticketId(), t.createdAt());
    }

    private void onUpdated(TicketData t) {
        require(t.ticketId() != null && t.changes() != null, "ticket.updated without ticketId or changes");
        Map<String, Object> changes = new LinkedHashMap<>();
        t.changes().forEach((field, change) -> changes.put(field, change == null ? null : change.value()));
        tickets.applyChanges(t.ticketId(), changes);
    }

    private void onStatusChanged(EventEnvelope<JsonNode> envelope, TicketData t) {
        require(t.ticketId() != null && t.from() != null && t.to() != null && t.changedAt() != null,
                "ticket.status_changed without ticketId, from, to or changedAt");
        tickets.changeStatus(t.ticketId(), t.to());
        if (ENDED.contains(t.to())) {
            assignments.ticketEnded(t.ticketId(), "solved".equals(t.to()) ? CompletionReason.SOLVED : CompletionReason.CLOSED,
                    envelope.actor());
        } else if (ENDED.contains(t.from())) {
            // reopened: routed again; continuity prefers whoever helped last
            assignments.ticketNeedsAnAgent(t.ticketId(), t.changedAt());
        } else if (!Set.of("new", "open").contains(t.to())) {
            // pending / on hold: no longer counts toward the assignee's load
            assignments.capacityMayHaveFreed();
        }
    }

    private void onDeleted(EventEnvelope<JsonNode> envelope, TicketData t) {
        require(t.ticketId() != null, "ticket.deleted without ticketId");
        tickets.markDeleted(t.ticketId());
        assignments.ticketEnded(t.ticketId(), CompletionReason.DELETED, envelope.actor());
    }

    private void onMessageAdded(TicketData m) {
        require(m.ticketId() != null, "message.added without ticketId");
        if ("agent".equals(m.authorType()) && "outbound".equals(m.direction()) && !Boolean.TRUE.equals(m.internal())
                && m.authorId() != null) {
            try {
                assignments.assigneeReplied(m.ticketId(), UUID.fromString(m.authorId()));
            } catch (IllegalArgumentException e) {
                // an author id that is no agent id cannot be anyone's assignee
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new MalformedEventException(message, null);
        }
    }
}
