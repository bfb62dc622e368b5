package com.quimbi.crm.platform.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.EventCatalog;
import com.quimbi.crm.contracts.EventType;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.observability.TraceContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appends a domain event to the outbox inside the caller's transaction (MANDATORY: an event without its
 * state change, or the other way round, must be impossible). Debezium relays the row to
 * {@code crm.<aggregateType>.events} keyed by the aggregate id.
 */
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, traceparent, occurredat)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final TraceContext traceContext;

    public OutboxWriter(JdbcTemplate jdbc, JsonMapper json, Clock clock, TraceContext traceContext) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.traceContext = traceContext;
    }

    /**
     * Appends {@code data}, a contracts record ({@code TicketCreated}, ...): its event type, schema version and
     * aggregate type (so its topic) come from {@link EventCatalog}; a class that is no contract record fails.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> append(String aggregateId, Actor actor, T data) {
        @SuppressWarnings("unchecked")
        EventType<T> type = EventCatalog.of((Class<T>) data.getClass());
        EventEnvelope<T> envelope = new EventEnvelope<>(Ids.newId(), type.type(), type.aggregate(), aggregateId,
                Instant.now(clock), type.version(), actor, data);
        append(envelope);
        return envelope;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(EventEnvelope<?> envelope) {
        UUID id = envelope.id();
        String traceparent = traceContext == null ? null : traceContext.currentTraceparent().orElse(null);
        jdbc.update(INSERT, id, envelope.aggregateType(), envelope.aggregateId(), envelope.type(),
                json.writeValueAsString(envelope), traceparent, Timestamp.from(envelope.occurredAt()));
    }
}
