package com.quimbi.crm.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;

/** Topics.PRESENCE into the facts ({@link AnalyticsStream}); inbox record and effects in one transaction. */
@Component
class PresenceEventConsumer {

    private final AnalyticsStream stream;

    PresenceEventConsumer(AnalyticsStream stream) {
        this.stream = stream;
    }

    @KafkaListener(id = "analytics-presence", idIsGroup = false, topics = Topics.PRESENCE)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        stream.handle(record);
    }
}
