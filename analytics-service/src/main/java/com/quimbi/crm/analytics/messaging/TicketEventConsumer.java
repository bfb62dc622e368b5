package com.quimbi.crm.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.analytics.ticket.TicketFacts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

@Component
class TicketEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(TicketEventConsumer.class);

    private final IdempotentConsumer consumer;
    private final TicketFacts facts;
    private final EventRoutes routes = EventRoutes.create()
            .on(TicketCreated.class, this::onTicketCreated);

    TicketEventConsumer(IdempotentConsumer consumer, TicketFacts facts) {
        this.consumer = consumer;
        this.facts = facts;
    }

    @KafkaListener(topics = Topics.TICKET)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    void onTicketCreated(TicketCreated ticket) {
        // logged inside the listener's observation: the line carries the producer's trace id
        log.info("Counting ticket {} ({}, {})", ticket.ticketId(), ticket.status(), ticket.channel());
        facts.recordCreated(ticket.ticketId(), ticket.status(), ticket.priority(), ticket.channel(),
                ticket.createdAt());
    }
}
