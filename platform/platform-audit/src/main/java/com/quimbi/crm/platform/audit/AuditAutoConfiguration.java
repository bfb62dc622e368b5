package com.quimbi.crm.platform.audit;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/** A service that adds platform-audit gets {@link AuditTrail}, the table (Flyway) and {@code GET /internal/audit}. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AuditTrail auditTrail(JdbcTemplate jdbc, JsonMapper json, Clock clock,
            @Value("${spring.application.name}") String service) {
        return new AuditTrail(jdbc, json, clock, service);
    }

    @Bean
    @ConditionalOnMissingBean
    AuditRecords auditRecords(JdbcTemplate jdbc, JsonMapper json) {
        return new AuditRecords(jdbc, json);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    AuditController auditController(AuditRecords records) {
        return new AuditController(records);
    }
}
