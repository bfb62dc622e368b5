package com.quimbi.crm.platform.messaging;

import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" },
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(JdbcTemplate jdbc) {
        return new Inbox(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    EventReader eventReader(JsonMapper json) {
        return new EventReader(json);
    }

    @Bean
    @ConditionalOnMissingBean
    IdempotentConsumer idempotentConsumer(EventReader reader, Inbox inbox,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        return new IdempotentConsumer(reader, inbox, group);
    }

    /** Bounded retries with backoff, then the record is parked on {@code <topic>.dlt} with the failure in headers. */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetteringErrorHandler(KafkaOperations<?, ?> kafka,
            @Value("${crm.messaging.retry.attempts}") int attempts,
            @Value("${crm.messaging.retry.initial-interval}") Duration initialInterval,
            @Value("${crm.messaging.retry.max-interval}") Duration maxInterval) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(record.topic() + ".dlt", -1));
        ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
        backOff.setMaxInterval(maxInterval.toMillis());
        backOff.setMaxAttempts(attempts);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }
}
