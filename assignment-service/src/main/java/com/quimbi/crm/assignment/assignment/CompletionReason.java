package com.quimbi.crm.assignment.assignment;

import java.util.Locale;

/** Why an assignment completed (assignment.completed reason). */
public enum CompletionReason {
    SOLVED, CLOSED, DELETED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
