package com.quimbi.crm.automation.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.eventrules.EventRuleEngine;
import com.quimbi.crm.automation.planning.DuePlanner;
import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

import tools.jackson.databind.JsonNode;

/**
 * crm.ticket.events through the inbox: the ticket read model time and event rules look at, time rules' re-planning
 * and event rules' firings, in the event's transaction. Times are the events' own (a late event still counts from
 * when the status changed).
 */
@Component
class TicketEventConsumer {

    private final IdempotentConsumer consumer;
    private final DuePlanner planner;
    private final EventRoutes routes = EventRoutes.create()
            .on(TicketCreated.class, this::onCreated)
            .on(TicketStatusChanged.class, this::onStatusChanged)
            .on(TicketUpdated.class, this::onUpdated)
            .on(TicketDeleted.class, this::onDeleted)
            .on(MessageAdded.class, this::onMessage);
    private final EventRuleEngine eventRules;

    TicketEventConsumer(IdempotentConsumer consumer, DuePlanner planner, EventRuleEngine eventRules) {
        this.consumer = consumer;
        this.planner = planner;
        this.eventRules = eventRules;
    }

    @KafkaListener(topics = Topics.TICKET)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onCreated(EventEnvelope<JsonNode> event, TicketCreated data) {
        Instant at = at(data.createdAt(), event);
        planner.ticketCreated(data.ticketId(), wire(data.status()), wire(data.priority()),
                data.tags() == null ? List.of() : data.tags(), at);
        eventRules.ticketCreated(data.ticketId(), wire(data.channel()), data.language(), data.subject(),
                data.description(), data.customerId(), data.customerEmail(), at);
    }

    private void onStatusChanged(EventEnvelope<JsonNode> event, TicketStatusChanged data) {
        Instant at = at(data.changedAt(), event);
        planner.statusChanged(data.ticketId(), wire(data.to()), at);
        eventRules.ticketUpdated(data.ticketId(), Map.of(), at);
    }

    private void onUpdated(EventEnvelope<JsonNode> event, TicketUpdated data) {
        FieldChange priority = data.changes().get("priority");
        FieldChange tags = data.changes().get("tags");
        if (priority != null || tags != null) {
            planner.attributesChanged(data.ticketId(), newPriority(priority), newTags(tags));
        }
        Map<String, Object> values = new HashMap<>();
        data.changes().forEach((field, change) -> values.put(field, change.value()));
        eventRules.ticketUpdated(data.ticketId(), values, at(data.updatedAt(), event));
    }

    /** A public message from the customer: what "a message arrives" means for event rules. */
    private void onMessage(EventEnvelope<JsonNode> event, MessageAdded data) {
        if (data.authorType() == AuthorType.CUSTOMER && !data.internal()) {
            eventRules.customerMessage(data.ticketId(), data.bodyText(), at(data.createdAt(), event));
        }
    }

    private static Optional<String> newPriority(FieldChange priority) {
        return Optional.ofNullable(priority).map(FieldChange::value).map(String::valueOf);
    }

    private static Optional<List<String>> newTags(FieldChange tags) {
        return Optional.ofNullable(tags).map(change -> {
            List<String> list = new ArrayList<>();
            if (change.value() instanceof List<?> values) {
                values.forEach(tag -> list.add(String.valueOf(tag)));
            }
            return list;
        });
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
