package com.quimbi.crm.platform.messaging;

import java.util.List;

import com.quimbi.crm.contracts.EventCatalog;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.platform.event.EventEnvelope;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a record value into the envelope, checks an envelope's data against its contract and reads it into the
 * contract record. Unknown properties are ignored everywhere: contracts grow additively, and a producer may
 * ship a new optional field before its consumers know it.
 */
public class EventReader {

    private static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final JsonMapper json;

    public EventReader(JsonMapper json) {
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
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

    /**
     * Fails with {@link MalformedEventException} (not retried, straight to the dead-letter topic) when the event's
     * data breaks the JSON Schema of its type and version; the violations are in the message. Types the
     * contracts do not know are left to the reader of the data.
     */
    public void validate(EventEnvelope<JsonNode> envelope) {
        if (EventCatalog.byType(envelope.type(), envelope.schemaVersion()).isEmpty()) {
            return;
        }
        List<String> violations = EventContracts.dataViolations(envelope.type(), envelope.schemaVersion(),
                json.writeValueAsString(envelope.data()));
        if (!violations.isEmpty()) {
            throw new MalformedEventException(envelope.type() + " v" + envelope.schemaVersion() + " " + envelope.id()
                    + " breaks its contract: " + String.join("; ", violations), null);
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
