package com.quimbi.crm.automation.messaging;

import java.util.Locale;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.eventrules.EventRuleEngine;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/** crm.enrichment.events through the inbox: the customer tier and churn risk event-rule conditions look at. */
@Component
class EnrichmentEventConsumer {

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    EnrichmentEventConsumer(IdempotentConsumer consumer, EventRuleEngine eventRules) {
        this.consumer = consumer;
        this.routes = EventRoutes.create().on(TicketEnriched.class, (event, e) -> eventRules.enriched(e.ticketId(),
                wire(e.customerTier()), wire(e.churnRiskLevel()),
                e.enrichedAt() != null ? e.enrichedAt() : event.occurredAt()));
    }

    @KafkaListener(topics = Topics.ENRICHMENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
