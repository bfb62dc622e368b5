package com.quimbi.crm.automation.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.webhook.internal.WebhookStore;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.automation.CsatRated;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketStatus;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.Inbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fans the chosen source events out to the endpoints that asked for them: one webhook_delivery row per endpoint
 * and event, in the inbox's transaction. Its own consumer group (and inbox group), so it reads every partition
 * beside the time rules' consumer and a slow endpoint never holds up rules. Internal notes are never sent out.
 */
@Component
class WebhookEventConsumer {

    static final String GROUP = "automation-service-webhooks";

    private final IdempotentConsumer consumer;
    private final WebhookStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final EventRoutes routes = EventRoutes.create()
            .on(TicketCreated.class, (event, data) -> fanOut(event, TicketCreated.TYPE))
            .on(TicketUpdated.class, (event, data) -> fanOut(event, TicketUpdated.TYPE))
            .on(TicketStatusChanged.class, this::onStatusChanged)
            .on(MessageAdded.class, this::onMessageAdded)
            .on(SlaBreached.class, (event, data) -> fanOut(event, SlaBreached.TYPE))
            .on(CsatRated.class, (event, data) -> fanOut(event, CsatRated.TYPE));

    WebhookEventConsumer(EventReader reader, Inbox inbox, WebhookStore store, JsonMapper json, Clock clock) {
        this.consumer = new IdempotentConsumer(reader, inbox, GROUP);
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @KafkaListener(topics = { Topics.TICKET, Topics.SLA, Topics.AUTOMATION }, groupId = GROUP)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onStatusChanged(EventEnvelope<JsonNode> event, TicketStatusChanged data) {
        if (data.to() == TicketStatus.SOLVED) {
            fanOut(event, WebhookEvents.TICKET_SOLVED);
        }
    }

    private void onMessageAdded(EventEnvelope<JsonNode> event, MessageAdded data) {
        if (!data.internal()) {
            fanOut(event, MessageAdded.TYPE);
        }
    }

    /** The body receivers get: the event's id (their dedupe key), our event name, when it happened, its data. */
    private void fanOut(EventEnvelope<JsonNode> event, String name) {
        var endpoints = store.subscribers(name);
        if (endpoints.isEmpty()) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("id", event.id().toString());
        body.put("type", name);
        body.put("occurredAt", event.occurredAt().toString());
        body.set("data", event.data());
        String payload = json.writeValueAsString(body);
        Instant now = clock.instant();
        for (UUID endpoint : endpoints) {
            store.enqueue(Ids.newId(), endpoint, event.id(), name, payload, now);
        }
    }
}
