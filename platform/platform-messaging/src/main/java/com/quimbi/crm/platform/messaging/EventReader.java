package com.quimbi.crm.platform.messaging;

import com.quimbi.crm.platform.event.EventEnvelope;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses a record value into the envelope, and an envelope's data into the consumer's own record. */
public class EventReader {

    private static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final JsonMapper json;

    public EventReader(JsonMapper json) {
        this.json = json;
    }

    public EventEnvelope<JsonNode> read(String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("empty event value", null);
        }
        try {
            EventEnvelope<JsonNode> envelope = json.readValue(value, ENVELOPE);
            if (envelope.id() == null || envelope.type() == null || envelope.data() == null) {
                throw new MalformedEventException("event envelope lacks id, type or data", null);
            }
            return envelope;
        } catch (JacksonException e) {
            throw new MalformedEventException("event value is not a valid envelope: " + e.getOriginalMessage(), e);
        }
    }

    public <T> T data(EventEnvelope<JsonNode> envelope, Class<T> type) {
        try {
            return json.treeToValue(envelope.data(), type);
        } catch (JacksonException e) {
            throw new MalformedEventException(envelope.type() + " data does not match its contract: "
                    + e.getOriginalMessage(), e);
        }
    }
}
