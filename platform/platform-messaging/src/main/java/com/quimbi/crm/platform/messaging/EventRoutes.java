package com.quimbi.crm.platform.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.quimbi.crm.platform.event.EventEnvelope;

import tools.jackson.databind.JsonNode;

/**
 * Which handler takes which event type, and into what record its data is read. Types without a route are
 * recorded as processed and otherwise ignored: topics carry more event types than any one consumer needs,
 * and new ones appear without warning (contracts grow additively).
 */
public final class EventRoutes {

    private final Map<String, Route<?>> routes = new LinkedHashMap<>();

    private EventRoutes() {
    }

    public static EventRoutes create() {
        return new EventRoutes();
    }

    /** Handles {@code type} with its data read as {@code dataType}. */
    public <T> EventRoutes on(String type, Class<T> dataType, java.util.function.Consumer<T> handler) {
        return on(type, dataType, (envelope, data) -> handler.accept(data));
    }

    /** Same, for handlers that also need the envelope (actor, occurredAt, event id). */
    public <T> EventRoutes on(String type, Class<T> dataType, BiConsumer<EventEnvelope<JsonNode>, T> handler) {
        routes.put(type, new Route<>(dataType, handler));
        return this;
    }

    Optional<Route<?>> route(String type) {
        return Optional.ofNullable(routes.get(type));
    }

    record Route<T>(Class<T> dataType, BiConsumer<EventEnvelope<JsonNode>, T> handler) {

        void deliver(EventReader reader, EventEnvelope<JsonNode> envelope) {
            handler.accept(envelope, reader.data(envelope, dataType));
        }
    }
}
