package com.quimbi.crm.contracts;

/** One event type and schema version: its name, topic, envelope aggregateType and {@code data} record. */
public record EventType<T>(String type, int version, String topic, String aggregate, Class<T> data) {

    /** The schema file name without extension, e.g. {@code ticket.created.v1}. */
    public String schemaName() {
        return type + ".v" + version;
    }
}
