package com.quimbi.crm.sla.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.sla.clock.SlaClockService;

/**
 * Category and customer tier (crm.enrichment.events) can decide which policy applies: when they arrive, the
 * ticket's policy is evaluated again, like after a priority change.
 */
@Component
class EnrichmentEventConsumer {

    private final IdempotentConsumer consumer;
    private final SlaClockService clocks;
    private final EventRoutes routes = EventRoutes.create().on(TicketEnriched.class, this::onTicketEnriched);

    EnrichmentEventConsumer(IdempotentConsumer consumer, SlaClockService clocks) {
        this.consumer = consumer;
        this.clocks = clocks;
    }

    @KafkaListener(topics = Topics.ENRICHMENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onTicketEnriched(TicketEnriched data) {
        Map<String, Object> changes = new HashMap<>();
        if (data.category() != null) {
            changes.put("category", TicketEventConsumer.wire(data.category()));
        }
        if (data.customerTier() != null) {
            changes.put("customerTier", TicketEventConsumer.wire(data.customerTier()));
        }
        clocks.attributesChanged(data.ticketId(), changes);
    }
}
