package com.quimbi.crm.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" },
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class MessagingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

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

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "crm.messaging.lag.enabled", matchIfMissing = true)
    ConsumerLag consumerLag(KafkaAdmin kafkaAdmin, @Value("${spring.kafka.consumer.group-id}") String group,
            @Value("${crm.messaging.lag.interval}") Duration interval, MeterRegistry meters) {
        return new ConsumerLag(kafkaAdmin.getConfigurationProperties(), group, interval, meters);
    }

    /**
     * Bounded retries with backoff, then the record is parked on {@code <topic>.dlt} with the failure in headers. A
     * parked event is data a consumer did not apply: it is logged at ERROR with its id and counted
     * ({@code crm_events_dead_lettered_total{topic, group}}, for alerting), and {@code ./crm dlt} replays it after a fix.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetteringErrorHandler(KafkaOperations<?, ?> kafka,
            @Value("${crm.messaging.retry.attempts}") int attempts,
            @Value("${crm.messaging.retry.initial-interval}") Duration initialInterval,
            @Value("${crm.messaging.retry.max-interval}") Duration maxInterval,
            @Value("${spring.kafka.consumer.group-id}") String group, ObjectProvider<MeterRegistry> meters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(record.topic() + ".dlt", -1));
        ConsumerRecordRecoverer parking = (record, failure) -> {
            Header id = record.headers().lastHeader("id");
            log.error("Event {} (key {}) from {} parked on {}.dlt by {} after its retries: {}",
                    id == null ? "-" : new String(id.value(), StandardCharsets.UTF_8), record.key(), record.topic(),
                    record.topic(), group, rootMessage(failure));
            meters.ifAvailable(registry -> registry.counter("crm_events_dead_lettered", "topic", record.topic(),
                    "group", group).increment());
            recoverer.accept(record, failure);
        };
        ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
        backOff.setMaxInterval(maxInterval.toMillis());
        backOff.setMaxAttempts(attempts);
        DefaultErrorHandler handler = new DefaultErrorHandler(parking, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
