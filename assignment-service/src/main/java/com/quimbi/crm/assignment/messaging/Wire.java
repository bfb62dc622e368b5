package com.quimbi.crm.assignment.messaging;

import java.util.Locale;

/** The read models keep contract enums as their wire names (what the queue-order SQL and the API compare). */
final class Wire {

    private Wire() {
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
