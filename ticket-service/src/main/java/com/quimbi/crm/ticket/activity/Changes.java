package com.quimbi.crm.ticket.activity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.quimbi.crm.contracts.FieldChange;

/**
 * Collects a use case's field changes (old and new) in the order fields are compared, as {@code ticket.updated},
 * {@code customer.updated} and the audit trail carry them; equal values are not changes. Enum values stay enums:
 * the JSON mapper writes their wire names.
 */
public final class Changes {

    private final Map<String, FieldChange> changes = new LinkedHashMap<>();

    public <T> T compare(String field, T old, T value) {
        if (!Objects.equals(old, value)) {
            changes.put(field, new FieldChange(old, value));
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
}
