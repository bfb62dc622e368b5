package com.quimbi.crm.assignment.assignment;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * assigned → accepted → in_progress → completed, or it ends early: transferred (handed to someone else or the
 * queue) or unassigned (the agent left: deactivated, offline past the grace period).
 */
public enum AssignmentStatus {
    ASSIGNED, ACCEPTED, IN_PROGRESS, COMPLETED, TRANSFERRED, UNASSIGNED;

    /** The statuses of a ticket's current assignment; at most one row per ticket has one (unique index). */
    public static final Set<AssignmentStatus> ACTIVE = EnumSet.of(ASSIGNED, ACCEPTED, IN_PROGRESS);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public static AssignmentStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
