package com.quimbi.crm.platform.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.quimbi.crm.contracts.EventCatalog;
import com.quimbi.crm.contracts.EventType;
import com.quimbi.crm.platform.event.EventEnvelope;

import tools.jackson.databind.JsonNode;

/**
 * Which handler takes which event type, by contract record:
 *
 * <pre>
 * EventRoutes.create()
 *         .on(TicketCreated.class, created -&gt; tickets.add(created))
 *         .on(TicketDeleted.class, (envelope, deleted) -&gt; tickets.remove(deleted, envelope.occurredAt()));
 * </pre>
 *
 * The type name and schema version come from {@link EventCatalog}. Types without a route are recorded as
 * processed and otherwise ignored: topics carry more event types than any one consumer needs, and new ones
 * appear without warning (contracts grow additively).
 */
public final class EventRoutes {

    private final Map<String, Route<?>> routes = new LinkedHashMap<>();

    private EventRoutes() {
    }

    public static EventRoutes create() {
        return new EventRoutes();
    }

    /** Handles the event type whose {@code data} is {@code dataType} (a contracts record). */
    public <T> EventRoutes on(Class<T> dataType, Consumer<T> handler) {
        return on(dataType, (envelope, data) -> handler.accept(data));
    }

    /** Same, for handlers that also need the envelope (actor, occurredAt, event id). */
    public <T> EventRoutes on(Class<T> dataType, BiConsumer<EventEnvelope<JsonNode>, T> handler) {
        EventType<T> type = EventCatalog.of(dataType);
        routes.put(key(type.type(), type.version()), new Route<>(dataType, handler));
        return this;
    }

    /** The route for the event's type and schema version (a contract record is one version). */
    Optional<Route<?>> route(EventEnvelope<JsonNode> event) {
        return Optional.ofNullable(routes.get(key(event.type(), event.schemaVersion())));
    }

    private static String key(String type, int version) {
        return type + ".v" + version;
    }

    record Route<T>(Class<T> dataType, BiConsumer<EventEnvelope<JsonNode>, T> handler) {

        void deliver(EventReader reader, EventEnvelope<JsonNode> envelope) {
            reader.validate(envelope);
            handler.accept(envelope, reader.data(envelope, dataType));
        }
    }
}
