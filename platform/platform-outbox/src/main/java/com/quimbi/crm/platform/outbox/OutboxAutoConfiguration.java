package com.quimbi.crm.platform.outbox;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.quimbi.crm.platform.observability.TraceContext;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "com.quimbi.crm.platform.observability.ObservabilityAutoConfiguration" })
@EnableScheduling
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, JsonMapper json, Clock clock, ObjectProvider<TraceContext> trace) {
        return new OutboxWriter(jdbc, json, clock, trace.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxPurge outboxPurge(JdbcTemplate jdbc, Clock clock, @Value("${crm.outbox.retention}") Duration retention) {
        return new OutboxPurge(jdbc, clock, retention);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxLag outboxLag(JdbcTemplate jdbc, @Value("${spring.application.name}") String application,
            MeterRegistry meters) {
        return new OutboxLag(jdbc, OutboxLag.slotOf(application), meters);
    }
}
