package com.quimbi.crm.sla.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.MalformedEventException;
import com.quimbi.crm.sla.clock.SlaClockService;
import com.quimbi.crm.sla.messaging.IncomingData.MessageAdded;
import com.quimbi.crm.sla.messaging.IncomingData.TicketCreated;
import com.quimbi.crm.sla.messaging.IncomingData.TicketDeleted;
import com.quimbi.crm.sla.messaging.IncomingData.TicketStatusChanged;
import com.quimbi.crm.sla.messaging.IncomingData.TicketUpdated;
import com.quimbi.crm.sla.policy.TicketAttributes;

import tools.jackson.databind.JsonNode;

/**
 * Ticket lifecycle and messages (crm.ticket.events) drive the clocks. Times are the event's own (createdAt,
 * changedAt…): events may be processed late, and the clocks must count from when things happened.
 */
@Component
class TicketEventConsumer {

    /** ticket.updated fields that policy conditions look at. */
    private static final Set<String> POLICY_FIELDS = Set.of("priority", "channel", "category", "tags");

    private final IdempotentConsumer consumer;
    private final SlaClockService clocks;
    private final EventRoutes routes = EventRoutes.create()
            .on("ticket.created", TicketCreated.class, this::onTicketCreated)
            .on("ticket.updated", TicketUpdated.class, this::onTicketUpdated)
            .on("ticket.status_changed", TicketStatusChanged.class, this::onTicketStatusChanged)
            .on("ticket.deleted", TicketDeleted.class, this::onTicketDeleted)
            .on("message.added", MessageAdded.class, this::onMessageAdded);

    TicketEventConsumer(IdempotentConsumer consumer, SlaClockService clocks) {
        this.consumer = consumer;
        this.clocks = clocks;
    }

    @KafkaListener(topics = "crm.ticket.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onTicketCreated(EventEnvelope<JsonNode> event, TicketCreated data) {
        require(data.ticketId(), data.priority(), data.status());
        clocks.ticketCreated(data.ticketId(), data.number(), data.status(),
                new TicketAttributes(data.priority(), data.channel(), null, null, data.tags() == null ? List.of() : data.tags()),
                at(data.createdAt(), event), event.id());
    }

    private void onTicketUpdated(EventEnvelope<JsonNode> event, TicketUpdated data) {
        require(data.ticketId(), data.changes());
        Map<String, Object> changes = new HashMap<>();
        data.changes().forEach((field, change) -> {
            if (POLICY_FIELDS.contains(field)) {
                JsonNode next = change.path("new");
                if (field.equals("tags")) {
                    List<String> tags = new ArrayList<>();
                    next.valueStream().forEach(tag -> tags.add(tag.asString()));
                    changes.put(field, tags);
                } else {
                    changes.put(field, next.isMissingNode() || next.isNull() ? null : next.asString());
                }
            }
        });
        if (!changes.isEmpty()) {
            clocks.attributesChanged(data.ticketId(), changes);
        }
    }

    private void onTicketStatusChanged(EventEnvelope<JsonNode> event, TicketStatusChanged data) {
        require(data.ticketId(), data.to());
        clocks.statusChanged(data.ticketId(), data.to(), at(data.changedAt(), event), event.id());
    }

    private void onTicketDeleted(EventEnvelope<JsonNode> event, TicketDeleted data) {
        require(data.ticketId());
        clocks.ticketDeleted(data.ticketId(), at(data.deletedAt(), event), event.id());
    }

    /** Internal notes and system messages never count as replies; only public customer / agent messages do. */
    private void onMessageAdded(EventEnvelope<JsonNode> event, MessageAdded data) {
        require(data.ticketId(), data.authorType());
        boolean internal = Boolean.TRUE.equals(data.internal()) || "internal".equals(data.direction());
        if (internal || !(data.authorType().equals("customer") || data.authorType().equals("agent"))) {
            return;
        }
        clocks.messageAdded(data.ticketId(), data.authorType().equals("customer"), at(data.createdAt(), event), event.id());
    }

    static Instant at(Instant happened, EventEnvelope<JsonNode> event) {
        return happened != null ? happened : event.occurredAt();
    }

    static void require(Object... fields) {
        for (Object field : fields) {
            if (field == null) {
                throw new MalformedEventException("event data lacks a field sla-service needs", null);
            }
        }
    }

}
