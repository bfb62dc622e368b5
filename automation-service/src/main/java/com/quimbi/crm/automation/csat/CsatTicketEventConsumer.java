package com.quimbi.crm.automation.csat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.Inbox;

import tools.jackson.databind.JsonNode;

/**
 * crm.ticket.events through the inbox, in its own consumer group (beside the time rules' and the webhooks'):
 * what a survey depends on — channel, customer, tags, a public agent reply, solved / reopened / closed.
 */
@Component
class CsatTicketEventConsumer {

    static final String GROUP = "automation-service-csat";

    private final IdempotentConsumer consumer;
    private final CsatSurveys surveys;
    private final EventRoutes routes = EventRoutes.create()
            .on(TicketCreated.class, this::onCreated)
            .on(TicketUpdated.class, this::onUpdated)
            .on(MessageAdded.class, this::onMessageAdded)
            .on(TicketStatusChanged.class, this::onStatusChanged)
            .on(TicketDeleted.class, this::onDeleted);

    CsatTicketEventConsumer(EventReader reader, Inbox inbox, CsatSurveys surveys) {
        this.consumer = new IdempotentConsumer(reader, inbox, GROUP);
        this.surveys = surveys;
    }

    @KafkaListener(topics = Topics.TICKET, groupId = GROUP)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onCreated(TicketCreated data) {
        surveys.ticketCreated(data.ticketId(), data.number(), data.customerId(),
                data.channel() == null ? null : data.channel().name().toLowerCase(Locale.ROOT),
                data.status() == null ? "new" : data.status().name().toLowerCase(Locale.ROOT),
                data.tags() == null ? List.of() : data.tags());
    }

    private void onUpdated(TicketUpdated data) {
        FieldChange tags = data.changes().get("tags");
        if (tags != null) {
            List<String> list = new ArrayList<>();
            if (tags.value() instanceof List<?> values) {
                values.forEach(tag -> list.add(String.valueOf(tag)));
            }
            surveys.tagsChanged(data.ticketId(), list);
        }
    }

    private void onMessageAdded(MessageAdded data) {
        if (!data.internal() && data.authorType() == AuthorType.AGENT) {
            surveys.agentReplied(data.ticketId(), data.authorId());
        }
    }

    private void onDeleted(TicketDeleted data) {
        surveys.deleted(data.ticketId());
    }

    private void onStatusChanged(EventEnvelope<JsonNode> event, TicketStatusChanged data) {
        Instant at = data.changedAt() != null ? data.changedAt() : event.occurredAt();
        surveys.statusChanged(data.ticketId(), data.to(), at);
    }
}
