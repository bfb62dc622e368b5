package com.quimbi.crm.quimbi.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.quimbi.customer.CustomerInsights;

import tools.jackson.databind.JsonNode;

/**
 * A customer changed (customer.updated, customer.merged, …): their cached DNA and churn are stale. The
 * key is the aggregate id (the customer id), so this needs nothing of the events' data.
 */
@Component
class CustomerEventConsumer {

    private final IdempotentConsumer consumer;
    private final CustomerInsights insights;
    private final EventRoutes routes = EventRoutes.create()
            .on("customer.created", JsonNode.class, this::forget)
            .on("customer.updated", JsonNode.class, this::forget)
            .on("customer.merged", JsonNode.class, this::forget);

    CustomerEventConsumer(IdempotentConsumer consumer, CustomerInsights insights) {
        this.consumer = consumer;
        this.insights = insights;
    }

    @KafkaListener(topics = "crm.customer.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void forget(EventEnvelope<JsonNode> event, JsonNode data) {
        if (event.aggregateId() != null) {
            insights.forget(event.aggregateId());
        }
    }
}
