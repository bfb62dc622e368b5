package com.quimbi.crm.assignment.messaging;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.assignment.agent.AgentProfile;
import com.quimbi.crm.assignment.agent.AgentProfiles;
import com.quimbi.crm.assignment.assignment.AssignmentService;
import com.quimbi.crm.assignment.policy.Seniority;
import com.quimbi.crm.assignment.policy.WorkingHours;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentStatus;
import com.quimbi.crm.contracts.agent.AgentStatusChanged;
import com.quimbi.crm.contracts.agent.AgentUpdated;
import com.quimbi.crm.contracts.agent.Weekday;
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
    private final EventRoutes routes = EventRoutes.create()
            .on(AgentCreated.class, this::onCreated)
            .on(AgentUpdated.class, this::onUpdated)
            .on(AgentStatusChanged.class, this::onStatusChanged)
            .on(AgentDeactivated.class, this::onDeactivated);

    AgentEventConsumer(IdempotentConsumer consumer, AgentProfiles agents, AssignmentService assignments) {
        this.consumer = consumer;
        this.agents = agents;
        this.assignments = assignments;
    }

    @KafkaListener(topics = Topics.AGENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onCreated(AgentCreated a) {
        AgentCreated.WorkingHours hours = a.workingHours();
        saveProfile(a.agentId(), a.firstName(), a.lastName(), Wire.name(a.role()), Wire.name(a.seniority()),
                a.skills(), a.languages(), a.maxConcurrentTickets(), a.acceptsNew(), a.status(), a.updatedAt(),
                a.timezone(), hours == null ? null : hours.days(), hours == null ? null : hours.start(),
                hours == null ? null : hours.end(), a.active());
    }

    private void onUpdated(AgentUpdated a) {
        AgentUpdated.WorkingHours hours = a.workingHours();
        saveProfile(a.agentId(), a.firstName(), a.lastName(), Wire.name(a.role()), Wire.name(a.seniority()),
                a.skills(), a.languages(), a.maxConcurrentTickets(), a.acceptsNew(), a.status(), a.updatedAt(),
                a.timezone(), hours == null ? null : hours.days(), hours == null ? null : hours.start(),
                hours == null ? null : hours.end(), a.active());
    }

    /** agent.created and agent.updated both carry the whole profile. */
    private void saveProfile(UUID agentId, String firstName, String lastName, String role, String seniority,
            List<String> skills, List<String> languages, int maxConcurrentTickets, boolean acceptsNew, AgentStatus status,
            Instant updatedAt, String timezone, List<Weekday> days, String start, String end, boolean active) {
        AgentProfile profile;
        try {
            profile = new AgentProfile(agentId, (nonNull(firstName) + " " + nonNull(lastName)).strip(), role,
                    Seniority.of(seniority), lower(skills), lower(languages), maxConcurrentTickets, acceptsNew,
                    Wire.name(status), updatedAt, ZoneId.of(timezone), workingHours(days, start, end), active, null);
        } catch (RuntimeException e) {
            // a time zone or working hours the JSON Schema cannot rule out, but no clock can use
            throw new MalformedEventException("agent profile event does not match its contract: " + e.getMessage(), e);
        }
        agents.save(profile, updatedAt);
        // more capacity, accepting again, or simply a new agent: the queue may have work for them
        assignments.capacityMayHaveFreed();
    }

    private void onStatusChanged(EventEnvelope<JsonNode> envelope, AgentStatusChanged data) {
        Instant at = data.changedAt() != null ? data.changedAt() : envelope.occurredAt();
        if (agents.changeStatus(data.agentId(), Wire.name(data.status()), at) && data.status() == AgentStatus.ONLINE) {
            assignments.capacityMayHaveFreed();
        }
        // offline / away: nothing yet; the sweep releases their work after the grace period
    }

    private void onDeactivated(EventEnvelope<JsonNode> envelope, AgentDeactivated data) {
        Instant at = data.deactivatedAt() != null ? data.deactivatedAt() : envelope.occurredAt();
        if (agents.deactivate(data.agentId(), at)) {
            assignments.agentDeactivated(data.agentId());
        }
    }

    private static WorkingHours workingHours(List<Weekday> weekdays, String start, String end) {
        if (weekdays == null || start == null || end == null) {
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        weekdays.forEach(d -> days.add(AgentProfiles.day(Wire.name(d))));
        return new WorkingHours(days, LocalTime.parse(start), LocalTime.parse(end));
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
