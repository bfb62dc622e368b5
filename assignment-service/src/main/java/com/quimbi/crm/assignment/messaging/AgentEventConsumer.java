package com.quimbi.crm.assignment.messaging;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.time.DayOfWeek;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.assignment.agent.AgentProfile;
import com.quimbi.crm.assignment.agent.AgentProfiles;
import com.quimbi.crm.assignment.assignment.AssignmentService;
import com.quimbi.crm.assignment.policy.Seniority;
import com.quimbi.crm.assignment.policy.WorkingHours;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.MalformedEventException;

import tools.jackson.databind.JsonNode;

/**
 * Keeps the agent read model current and reacts to availability: an agent coming online or gaining capacity
 * drains the queue to them; a deactivated agent's tickets go back to the queue at once (offline ones after the
 * grace period, see AssignmentService.sweep).
 */
@Component
class AgentEventConsumer {

    private final IdempotentConsumer consumer;
    private final AgentProfiles agents;
    private final AssignmentService assignments;
    private final EventRoutes routes;

    AgentEventConsumer(IdempotentConsumer consumer, AgentProfiles agents, AssignmentService assignments) {
        this.consumer = consumer;
        this.agents = agents;
        this.assignments = assignments;
        BiConsumer<EventEnvelope<JsonNode>, AgentData> profile = (envelope, data) -> onProfile(data);
        this.routes = EventRoutes.create()
                .on("agent.created", AgentData.class, profile)
                .on("agent.updated", AgentData.class, profile)
                .on("agent.status_changed", AgentData.class, this::onStatusChanged)
                .on("agent.deactivated", AgentData.class, this::onDeactivated);
    }

    @KafkaListener(topics = "crm.agent.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onProfile(AgentData data) {
        if (data.agentId() == null || data.role() == null || data.status() == null || data.maxConcurrentTickets() == null
                || data.timezone() == null || data.updatedAt() == null) {
            throw new MalformedEventException("agent profile event without agentId, role, status, capacity, timezone or updatedAt", null);
        }
        AgentProfile profile;
        try {
            profile = new AgentProfile(data.agentId(), (nonNull(data.firstName()) + " " + nonNull(data.lastName())).strip(),
                    data.role(), Seniority.of(data.seniority()), lower(data.skills()), lower(data.languages()),
                    data.maxConcurrentTickets(), data.acceptsNew() == null || data.acceptsNew(), data.status(),
                    data.updatedAt(), ZoneId.of(data.timezone()), workingHours(data.workingHours()),
                    data.active() == null || data.active(), null);
        } catch (RuntimeException e) {
            throw new MalformedEventException("agent profile event does not match its contract: " + e.getMessage(), e);
        }
        agents.save(profile, data.updatedAt());
        // more capacity, accepting again, or simply a new agent: the queue may have work for them
        assignments.capacityMayHaveFreed();
    }

    private void onStatusChanged(EventEnvelope<JsonNode> envelope, AgentData data) {
        if (data.agentId() == null || data.status() == null) {
            throw new MalformedEventException("agent.status_changed without agentId or status", null);
        }
        Instant at = data.changedAt() != null ? data.changedAt() : envelope.occurredAt();
        if (agents.changeStatus(data.agentId(), data.status(), at) && "online".equals(data.status())) {
            assignments.capacityMayHaveFreed();
        }
        // offline / away: nothing yet; the sweep releases their work after the grace period
    }

    private void onDeactivated(EventEnvelope<JsonNode> envelope, AgentData data) {
        if (data.agentId() == null) {
            throw new MalformedEventException("agent.deactivated without agentId", null);
        }
        Instant at = data.deactivatedAt() != null ? data.deactivatedAt() : envelope.occurredAt();
        if (agents.deactivate(data.agentId(), at)) {
            assignments.agentDeactivated(data.agentId());
        }
    }

    private static WorkingHours workingHours(AgentData.WorkingHoursData hours) {
        if (hours == null || hours.days() == null || hours.start() == null || hours.end() == null) {
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        hours.days().forEach(d -> days.add(AgentProfiles.day(d)));
        return new WorkingHours(days, LocalTime.parse(hours.start()), LocalTime.parse(hours.end()));
    }

    private static Set<String> lower(List<String> values) {
        Set<String> set = new LinkedHashSet<>();
        if (values != null) {
            values.forEach(v -> set.add(v.strip().toLowerCase(Locale.ROOT)));
        }
        return set;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
