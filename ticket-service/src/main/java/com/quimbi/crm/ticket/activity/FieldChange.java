package com.quimbi.crm.ticket.activity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A field's old and new value, as events and the audit trail carry them (a null side is left out). */
public record FieldChange(Object old, @JsonProperty("new") Object value) {

    /** Collects changes in the order fields are compared; equal values are not changes. */
    public static final class Changes {
        private final Map<String, FieldChange> changes = new LinkedHashMap<>();

        public <T> T compare(String field, T old, T value) {
            if (!Objects.equals(old, value)) {
                changes.put(field, new FieldChange(wire(old), wire(value)));
            }
            return value;
        }

        public boolean isEmpty() {
            return changes.isEmpty();
        }

        public boolean has(String field) {
            return changes.containsKey(field);
        }

        public Map<String, FieldChange> asMap() {
            return new LinkedHashMap<>(changes);
        }

        public Map<String, FieldChange> without(String field) {
            Map<String, FieldChange> copy = new LinkedHashMap<>(changes);
            copy.remove(field);
            return copy;
        }

        private static Object wire(Object value) {
            return value instanceof Enum<?> e ? e.toString() : value;
        }
    }
}
