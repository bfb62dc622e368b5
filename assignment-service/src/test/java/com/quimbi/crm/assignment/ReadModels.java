package com.quimbi.crm.assignment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import com.quimbi.crm.contracts.EventContracts;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test fixtures: rows of the read models as the consumers would have written them, and golden events made unique. */
public final class ReadModels {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReadModels() {
    }

    /** An agent available around the clock (no working hours), in UTC. */
    public static UUID agent(JdbcTemplate jdbc, String status, int capacity, String seniority, String[] skills,
            String[] languages) {
        UUID id = UUID.randomUUID();
        agent(jdbc, id, status, capacity, seniority, skills, languages);
        return id;
    }

    public static UUID agent(JdbcTemplate jdbc, String status, int capacity) {
        return agent(jdbc, status, capacity, "junior", new String[0], new String[] { "en" });
    }

    public static void agent(JdbcTemplate jdbc, UUID id, String status, int capacity, String seniority, String[] skills,
            String[] languages) {
        jdbc.update("""
                INSERT INTO agent_profile (id, display_name, role, seniority, skills, languages, max_concurrent_tickets,
                  accepts_new, status, status_changed_at, timezone, active, updated_at)
                VALUES (?, 'Pat Doe', 'agent', ?, ?, ?, ?, true, ?, now(), 'UTC', true, now())""",
                id, seniority, skills, languages, capacity, status);
    }

    public static UUID ticket(JdbcTemplate jdbc, String status, String priority) {
        UUID id = UUID.randomUUID();
        ticket(jdbc, id, status, priority, Instant.now());
        return id;
    }

    public static void ticket(JdbcTemplate jdbc, UUID id, String status, String priority, Instant createdAt) {
        jdbc.update("""
                INSERT INTO ticket (id, number, subject, status, priority, channel, language, created_at, updated_at)
                VALUES (?, '#' || (floor(random() * 100000))::int, 'Order arrived damaged', ?, ?, 'email', 'en', ?, now())""",
                id, status, priority, Timestamp.from(createdAt));
    }

    /** The golden event of {@code type} with a fresh event id and the given text replaced (golden ids → test ids). */
    public static String golden(String type, Map<String, String> replacements) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden(type, 1));
        event.put("id", UUID.randomUUID().toString());
        String json = JSON.writeValueAsString(event);
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            json = json.replace(r.getKey(), r.getValue());
        }
        return json;
    }
}
