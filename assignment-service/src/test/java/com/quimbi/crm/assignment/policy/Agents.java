package com.quimbi.crm.assignment.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Test fixtures: an eligible agent and a plain ticket, changed one property at a time. */
final class Agents {

    static final Instant MONDAY_10_UTC = Instant.parse("2026-11-23T10:00:00Z");

    private Agents() {
    }

    static AgentCandidate agent(String name) {
        return new AgentCandidate(id(name), true, "online", true, 5, 0, Set.of(), Set.of(), Seniority.JUNIOR,
                ZoneId.of("UTC"), null, null);
    }

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    static AgentCandidate with(AgentCandidate a, int capacity, int load) {
        return new AgentCandidate(a.agentId(), a.active(), a.status(), a.acceptsNew(), capacity, load, a.skills(),
                a.languages(), a.seniority(), a.timezone(), a.workingHours(), a.lastAssignedAt());
    }

    static AgentCandidate status(AgentCandidate a, String status) {
        return new AgentCandidate(a.agentId(), a.active(), status, a.acceptsNew(), a.capacity(), a.load(), a.skills(),
                a.languages(), a.seniority(), a.timezone(), a.workingHours(), a.lastAssignedAt());
    }

    static AgentCandidate skills(AgentCandidate a, String... skills) {
        return new AgentCandidate(a.agentId(), a.active(), a.status(), a.acceptsNew(), a.capacity(), a.load(),
                Set.of(skills), a.languages(), a.seniority(), a.timezone(), a.workingHours(), a.lastAssignedAt());
    }

    static AgentCandidate languages(AgentCandidate a, String... languages) {
        return new AgentCandidate(a.agentId(), a.active(), a.status(), a.acceptsNew(), a.capacity(), a.load(), a.skills(),
                Set.of(languages), a.seniority(), a.timezone(), a.workingHours(), a.lastAssignedAt());
    }

    static AgentCandidate seniority(AgentCandidate a, Seniority seniority) {
        return new AgentCandidate(a.agentId(), a.active(), a.status(), a.acceptsNew(), a.capacity(), a.load(), a.skills(),
                a.languages(), seniority, a.timezone(), a.workingHours(), a.lastAssignedAt());
    }

    static AgentCandidate lastAssigned(AgentCandidate a, Instant at) {
        return new AgentCandidate(a.agentId(), a.active(), a.status(), a.acceptsNew(), a.capacity(), a.load(), a.skills(),
                a.languages(), a.seniority(), a.timezone(), a.workingHours(), at);
    }

    static AgentCandidate hours(AgentCandidate a, String zone, String start, String end, DayOfWeek... days) {
        return new AgentCandidate(a.agentId(), a.active(), a.status(), a.acceptsNew(), a.capacity(), a.load(), a.skills(),
                a.languages(), a.seniority(), ZoneId.of(zone),
                new WorkingHours(days.length == 0 ? EnumSet.allOf(DayOfWeek.class) : EnumSet.of(days[0], days),
                        LocalTime.parse(start), LocalTime.parse(end)), a.lastAssignedAt());
    }

    static AgentCandidate inactive(AgentCandidate a) {
        return new AgentCandidate(a.agentId(), false, a.status(), a.acceptsNew(), a.capacity(), a.load(), a.skills(),
                a.languages(), a.seniority(), a.timezone(), a.workingHours(), a.lastAssignedAt());
    }

    static AgentCandidate notAccepting(AgentCandidate a) {
        return new AgentCandidate(a.agentId(), a.active(), a.status(), false, a.capacity(), a.load(), a.skills(),
                a.languages(), a.seniority(), a.timezone(), a.workingHours(), a.lastAssignedAt());
    }

    static TicketTraits ticket() {
        return new TicketTraits("chat", null, Set.of(), null, false, null, null, null);
    }

    static TicketTraits ticket(String channel, String category, String language, boolean vip, String churn,
            UUID continuity) {
        return new TicketTraits(channel, category, Set.of(), language, vip, churn, continuity, null);
    }
}
