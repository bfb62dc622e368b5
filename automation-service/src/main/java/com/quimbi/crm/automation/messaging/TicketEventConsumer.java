package com.quimbi.crm.automation.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.planning.DuePlanner;
import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

import tools.jackson.databind.JsonNode;

/**
 * crm.ticket.events through the inbox: the ticket read model time rules look at, and their re-planning. Times are
 * the events' own (a late event still counts from when the status changed).
 */
@Component
class TicketEventConsumer {

    private final IdempotentConsumer consumer;
    private final DuePlanner planner;
    private final EventRoutes routes = EventRoutes.create()
            .on(TicketCreated.class, this::onCreated)
            .on(TicketStatusChanged.class, this::onStatusChanged)
            .on(TicketUpdated.class, this::onUpdated)
            .on(TicketDeleted.class, this::onDeleted);

    TicketEventConsumer(IdempotentConsumer consumer, DuePlanner planner) {
        this.consumer = consumer;
        this.planner = planner;
    }

    @KafkaListener(topics = Topics.TICKET)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onCreated(EventEnvelope<JsonNode> event, TicketCreated data) {
        planner.ticketCreated(data.ticketId(), wire(data.status()), wire(data.priority()),
                data.tags() == null ? List.of() : data.tags(), at(data.createdAt(), event));
    }

    private void onStatusChanged(EventEnvelope<JsonNode> event, TicketStatusChanged data) {
        planner.statusChanged(data.ticketId(), wire(data.to()), at(data.changedAt(), event));
    }

    private void onUpdated(TicketUpdated data) {
        FieldChange priority = data.changes().get("priority");
        FieldChange tags = data.changes().get("tags");
        if (priority == null && tags == null) {
            return;
        }
        Optional<String> newPriority = Optional.ofNullable(priority).map(FieldChange::value).map(String::valueOf);
        Optional<List<String>> newTags = Optional.ofNullable(tags).map(change -> {
            List<String> list = new ArrayList<>();
            if (change.value() instanceof List<?> values) {
                values.forEach(tag -> list.add(String.valueOf(tag)));
            }
            return list;
        });
        planner.attributesChanged(data.ticketId(), newPriority, newTags);
    }

    private void onDeleted(TicketDeleted data) {
        planner.deleted(data.ticketId());
    }

    private static Instant at(Instant happened, EventEnvelope<JsonNode> event) {
        return happened != null ? happened : event.occurredAt();
    }

    private static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
