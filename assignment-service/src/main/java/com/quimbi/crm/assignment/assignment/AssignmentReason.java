package com.quimbi.crm.assignment.assignment;

import java.util.Locale;

/** How an assignment came about: the policy, a supervisor, the agent themself, or a transfer. */
public enum AssignmentReason {
    AUTO, MANUAL, SELF, TRANSFER;

    public static AssignmentReason of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
