package com.quimbi.crm.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;

/** Topics.ENRICHMENT into the facts ({@link AnalyticsStream}); inbox record and effects in one transaction. */
@Component
class EnrichmentEventConsumer {

    private final AnalyticsStream stream;

    EnrichmentEventConsumer(AnalyticsStream stream) {
        this.stream = stream;
    }

    @KafkaListener(id = "analytics-enrichment", idIsGroup = false, topics = Topics.ENRICHMENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        stream.handle(record);
    }
}
