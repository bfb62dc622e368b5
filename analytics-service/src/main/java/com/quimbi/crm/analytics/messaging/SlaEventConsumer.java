package com.quimbi.crm.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;

/** Topics.SLA into the facts ({@link AnalyticsStream}); inbox record and effects in one transaction. */
@Component
class SlaEventConsumer {

    private final AnalyticsStream stream;

    SlaEventConsumer(AnalyticsStream stream) {
        this.stream = stream;
    }

    @KafkaListener(id = "analytics-sla", idIsGroup = false, topics = Topics.SLA)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        stream.handle(record);
    }
}
