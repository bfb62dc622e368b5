package com.quimbi.crm.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.quimbi.crm.platform.audit.AuditChanges.Change;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.observability.RequestIds;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way a service records an administrative change: who (the caller's token), when, what (the changed fields
 * before and after, secrets masked), from where (the client address the gateway forwards, the request id) and which
 * service. The row is written in the caller's transaction (MANDATORY, like the outbox): a change that rolls back
 * leaves no record, and a record cannot exist without its change. Records are append-only (no API changes them, and
 * a trigger refuses UPDATE and DELETE).
 */
public class AuditTrail {

    /** The gateway puts the client's address here (one hop: it replaces whatever the client sent). */
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final String INSERT = """
            INSERT INTO audit_record (id, occurred_at, service, action, resource_type, resource_id, actor_subject,
                actor_name, actor_roles, client_ip, request_id, changes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)""";
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final String service;

    public AuditTrail(JdbcTemplate jdbc, JsonMapper json, Clock clock, String service) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.service = service;
    }

    /**
     * Records {@code action} ({@code "sla_policy.updated"}) on a resource. {@code before} and {@code after} are the
     * resource's fields: a {@code Map}, or any object (a record, a response DTO) read as its JSON fields; null before
     * a create and after a delete. An update that changed nothing is not recorded (empty result); an action without
     * a state (an export: both null) is.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> record(String action, String resourceType, Object resourceId, Object before, Object after) {
        Map<String, Change> changes = AuditChanges.diff(fields(before), fields(after));
        if (before != null && after != null && changes.isEmpty()) {
            return Optional.empty();
        }
        AuditActor actor = AuditActor.current();
        UUID id = Ids.newId();
        // Postgres keeps microseconds: the keyset cursor must hold exactly what the row holds
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        jdbc.update(INSERT, id, Timestamp.from(now), service, action, resourceType, String.valueOf(resourceId),
                actor.subject(), actor.name(), json.writeValueAsString(actor.roles()), clientAddress(),
                MDC.get(RequestIds.MDC_KEY), json.writeValueAsString(changes));
        return Optional.of(id);
    }

    /**
     * A resource's fields as the trail compares them (a mutable copy), for a caller that adds what its view leaves
     * out: {@code fields(mailbox).put("password", sealedPassword)} records that the password changed (masked).
     */
    public Map<String, Object> fields(Object resource) {
        if (resource == null) {
            return null;
        }
        if (resource instanceof Map<?, ?> map) {
            Map<String, Object> fields = new LinkedHashMap<>();
            // through JSON too, so values compare the way they are stored (enums as names, instants as text)
            map.forEach((k, v) -> fields.put(String.valueOf(k), v == null ? null : json.convertValue(v, Object.class)));
            return fields;
        }
        return new LinkedHashMap<>(json.convertValue(resource, FIELDS));
    }

    /**
     * The client's address: the first hop of {@code X-Forwarded-For} (the gateway sends exactly one, the address it
     * saw), else the peer's own address for a call that did not come through the gateway; null outside a request.
     */
    static String clientAddress() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        HttpServletRequest request = attributes.getRequest();
        String forwarded = request.getHeader(FORWARDED_FOR);
        String address = forwarded != null && !forwarded.isBlank() ? forwarded.split(",")[0].strip()
                : request.getRemoteAddr();
        return address == null || address.isBlank() ? null : address.substring(0, Math.min(64, address.length()));
    }
}
