package com.quimbi.crm.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.analytics.ticket.TicketFacts;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;

import tools.jackson.databind.JsonNode;

@Component
class TicketEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(TicketEventConsumer.class);

    private final EventReader reader;
    private final Inbox inbox;
    private final TicketFacts facts;
    private final String group;

    TicketEventConsumer(EventReader reader, Inbox inbox, TicketFacts facts,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.reader = reader;
        this.inbox = inbox;
        this.facts = facts;
        this.group = group;
    }

    @KafkaListener(topics = "crm.ticket.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<JsonNode> event = reader.read(record.value());
        if (!inbox.tryMarkProcessed(group, event.id())) {
            log.debug("{} {} already processed", event.type(), event.id());
            return;
        }
        switch (event.type()) {
            case "ticket.created" -> onTicketCreated(reader.data(event, TicketCreatedData.class));
            default -> log.debug("ignoring {}", event.type());
        }
    }

    private void onTicketCreated(TicketCreatedData ticket) {
        // logged inside the listener's observation: the line carries the producer's trace id
        log.info("Counting ticket {} ({}, {})", ticket.ticketId(), ticket.status(), ticket.channel());
        facts.recordCreated(ticket.ticketId(), ticket.status(), ticket.priority(), ticket.channel(),
                ticket.createdAt());
    }
}
