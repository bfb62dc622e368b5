package com.quimbi.crm.platform.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The wire envelope of every event on a {@code crm.<aggregate>.events} topic (see contracts/). {@code data}
 * is the event-specific body: a record when producing, a JSON tree when consuming.
 */
public record EventEnvelope<T>(UUID id, String type, String aggregateType, String aggregateId, Instant occurredAt,
        int schemaVersion, Actor actor, T data) {

    /** Who caused the event; producers that leave it out acted on their own (a scheduler, a sync). */
    public Actor actorOrSystem() {
        return actor == null || actor.type() == null ? Actor.SYSTEM : actor;
    }
}
