package com.quimbi.crm.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;

/** Topics.TICKET into the facts ({@link AnalyticsStream}); inbox record and effects in one transaction. */
@Component
class TicketEventConsumer {

    private final AnalyticsStream stream;

    TicketEventConsumer(AnalyticsStream stream) {
        this.stream = stream;
    }

    @KafkaListener(id = "analytics-ticket", idIsGroup = false, topics = Topics.TICKET)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        stream.handle(record);
    }
}
