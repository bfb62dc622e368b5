package com.quimbi.crm.assignment.assignment;

import java.util.Locale;

/** Why a ticket lost its assignee (assignment.unassigned reason). */
public enum UnassignReason {
    QUEUE, AGENT_DEACTIVATED, AGENT_OFFLINE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
