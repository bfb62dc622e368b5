package com.quimbi.crm.gateway.session;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentDeactivated;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows {@code agent.deactivated} (agent-service, via the outbox) and denies the agent's tokens for the
 * rest of their lifetime. Setting a key with a TTL is idempotent, so a redelivered event is harmless, and an
 * event older than the TTL is skipped. The gateway has no database: there is no inbox and no dead-letter
 * topic; an unreadable event is logged and skipped, a Redis failure is retried by the container.
 */
@Component
class AgentDeactivationListener {

    private static final Logger log = LoggerFactory.getLogger(AgentDeactivationListener.class);
    static final String TYPE = AgentDeactivated.TYPE;

    private final DeactivatedSubjects subjects;
    private final DeactivationProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    AgentDeactivationListener(DeactivatedSubjects subjects, DeactivationProperties properties, JsonMapper json,
            Clock clock) {
        this.subjects = subjects;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.AGENT, autoStartup = "${crm.gateway.deactivations.enabled:true}")
    void on(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader("eventType");
        if (type != null && !TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("Skipping unreadable record on {} (key {}): {}", record.topic(), record.key(), e.getMessage());
            return;
        }
        if (!TYPE.equals(event.path("type").asString(""))) {
            return;
        }
        String agentId = event.path("data").path("agentId").asString("");
        if (agentId.isBlank()) {
            log.warn("Skipping {} {} without data.agentId", TYPE, event.path("id").asString(""));
            return;
        }
        Duration ttl = remaining(event.path("data").path("deactivatedAt").asString(""));
        if (ttl.isZero()) {
            log.debug("{} of {} is older than any token of theirs: nothing to deny", TYPE, agentId);
            return;
        }
        subjects.deny(agentId, ttl).block(Duration.ofSeconds(10));
    }

    /** What is left of the TTL since the deactivation; the full TTL when the time is unreadable. */
    Duration remaining(String deactivatedAt) {
        try {
            Duration age = Duration.between(Instant.parse(deactivatedAt), clock.instant());
            Duration left = properties.ttl().minus(age.isNegative() ? Duration.ZERO : age);
            return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ZERO : left;
        } catch (DateTimeParseException e) {
            return properties.ttl();
        }
    }
}
