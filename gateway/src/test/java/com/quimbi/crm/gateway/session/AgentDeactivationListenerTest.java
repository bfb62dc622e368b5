package com.quimbi.crm.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentUpdated;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class AgentDeactivationListenerTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    final DeactivatedSubjects subjects = mock(DeactivatedSubjects.class);
    final AgentDeactivationListener listener = new AgentDeactivationListener(subjects,
            new DeactivationProperties(true, "p:", Duration.ofMinutes(15)), JsonMapper.builder().build(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static ConsumerRecord<String, String> record(String type, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.AGENT, 0, 0, "k", value);
        record.headers().add("eventType", type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    static String event(String type, String agentId, Instant at) {
        return "{\"id\":\"e1\",\"type\":\"" + type + "\",\"data\":{\"agentId\":\"" + agentId + "\",\"deactivatedAt\":\"" + at + "\"}}";
    }

    @Test
    void theDenialLastsWhatIsLeftOfTheTtl() {
        assertThat(listener.remaining(NOW.minusSeconds(60).toString())).isEqualTo(Duration.ofMinutes(14));
        assertThat(listener.remaining(NOW.plusSeconds(5).toString())).isEqualTo(Duration.ofMinutes(15));
        assertThat(listener.remaining(NOW.minus(Duration.ofHours(1)).toString())).isZero();
        assertThat(listener.remaining("yesterday")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aDeactivationDeniesTheSubjectAndEverythingElseIsIgnored() {
        when(subjects.deny(anyString(), any())).thenReturn(Mono.empty());

        listener.on(record(AgentUpdated.TYPE, event(AgentUpdated.TYPE, "u-1", NOW)));
        listener.on(record(AgentDeactivated.TYPE, "{broken"));
        listener.on(record(AgentDeactivated.TYPE, event(AgentDeactivated.TYPE, "", NOW)));
        verify(subjects, never()).deny(anyString(), any());

        listener.on(record(AgentDeactivated.TYPE, event(AgentDeactivated.TYPE, "u-2", NOW.minusSeconds(30))));
        verify(subjects).deny("u-2", Duration.ofSeconds(870));
    }
}
