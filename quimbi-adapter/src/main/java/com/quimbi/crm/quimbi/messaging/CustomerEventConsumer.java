package com.quimbi.crm.quimbi.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;
import com.quimbi.crm.quimbi.customer.CustomerInsights;

import tools.jackson.databind.JsonNode;

/**
 * A customer changed (customer.updated, customer.merged, …): their cached DNA and churn are stale. The
 * key is the aggregate id (the customer id), so this needs nothing of the events' data.
 */
@Component
class CustomerEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(CustomerEventConsumer.class);

    private final EventReader reader;
    private final Inbox inbox;
    private final CustomerInsights insights;
    private final String group;

    CustomerEventConsumer(EventReader reader, Inbox inbox, CustomerInsights insights,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.reader = reader;
        this.inbox = inbox;
        this.insights = insights;
        this.group = group;
    }

    @KafkaListener(topics = "crm.customer.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<JsonNode> event = reader.read(record.value());
        if (!inbox.tryMarkProcessed(group, event.id())) {
            return;
        }
        if (event.type().startsWith("customer.") && event.aggregateId() != null) {
            log.debug("{}: forgetting cached insights of customer {}", event.type(), event.aggregateId());
            insights.forget(event.aggregateId());
        }
    }
}
