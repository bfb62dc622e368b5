package com.quimbi.crm.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;

/** Topics.CUSTOMER into the facts ({@link AnalyticsStream}); inbox record and effects in one transaction. */
@Component
class CustomerEventConsumer {

    private final AnalyticsStream stream;

    CustomerEventConsumer(AnalyticsStream stream) {
        this.stream = stream;
    }

    @KafkaListener(id = "analytics-customer", idIsGroup = false, topics = Topics.CUSTOMER)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        stream.handle(record);
    }
}
