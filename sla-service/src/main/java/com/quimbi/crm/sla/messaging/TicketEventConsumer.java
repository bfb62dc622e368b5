package com.quimbi.crm.sla.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.MessageDirection;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.sla.clock.SlaClockService;
import com.quimbi.crm.sla.policy.TicketAttributes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

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
            .on(TicketCreated.class, this::onTicketCreated)
            .on(TicketUpdated.class, this::onTicketUpdated)
            .on(TicketStatusChanged.class, this::onTicketStatusChanged)
            .on(TicketDeleted.class, this::onTicketDeleted)
            .on(MessageAdded.class, this::onMessageAdded);

    TicketEventConsumer(IdempotentConsumer consumer, SlaClockService clocks) {
        this.consumer = consumer;
        this.clocks = clocks;
    }

    @KafkaListener(topics = Topics.TICKET)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onTicketCreated(EventEnvelope<JsonNode> event, TicketCreated data) {
        clocks.ticketCreated(data.ticketId(), data.number(), wire(data.status()),
                new TicketAttributes(wire(data.priority()), wire(data.channel()), null, null,
                        data.tags() == null ? List.of() : data.tags()),
                at(data.createdAt(), event), event.id());
    }

    private void onTicketUpdated(TicketUpdated data) {
        Map<String, Object> changes = new HashMap<>();
        data.changes().forEach((field, change) -> {
            if (POLICY_FIELDS.contains(field)) {
                Object next = change == null ? null : change.value();
                if (field.equals("tags")) {
                    List<String> tags = new ArrayList<>();
                    if (next instanceof List<?> list) {
                        list.forEach(tag -> tags.add(String.valueOf(tag)));
                    }
                    changes.put(field, tags);
                } else {
                    changes.put(field, next == null ? null : next.toString());
                }
            }
        });
        if (!changes.isEmpty()) {
            clocks.attributesChanged(data.ticketId(), changes);
        }
    }

    private void onTicketStatusChanged(EventEnvelope<JsonNode> event, TicketStatusChanged data) {
        clocks.statusChanged(data.ticketId(), wire(data.to()), at(data.changedAt(), event), event.id());
    }

    private void onTicketDeleted(EventEnvelope<JsonNode> event, TicketDeleted data) {
        clocks.ticketDeleted(data.ticketId(), at(data.deletedAt(), event), event.id());
    }

    /** Internal notes and system messages never count as replies; only public customer / agent messages do. */
    private void onMessageAdded(EventEnvelope<JsonNode> event, MessageAdded data) {
        boolean internal = data.internal() || data.direction() == MessageDirection.INTERNAL;
        if (internal || !(data.authorType() == AuthorType.CUSTOMER || data.authorType() == AuthorType.AGENT)) {
            return;
        }
        clocks.messageAdded(data.ticketId(), data.authorType() == AuthorType.CUSTOMER, at(data.createdAt(), event),
                event.id());
    }

    static Instant at(Instant happened, EventEnvelope<JsonNode> event) {
        return happened != null ? happened : event.occurredAt();
    }

    /** The ticket read model keeps contract enums as their wire names (what policy conditions compare). */
    static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
