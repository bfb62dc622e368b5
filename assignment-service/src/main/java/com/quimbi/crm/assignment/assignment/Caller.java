package com.quimbi.crm.assignment.assignment;

import java.util.UUID;

import com.quimbi.crm.platform.event.Actor;

/** Who is asking: their Keycloak subject (= their agent id) and whether they hold supervisor (or admin). */
public record Caller(String id, boolean supervisor) {

    /** The caller as an agent id; null when the subject is not one (then they are nobody's assignee). */
    public UUID agentId() {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    public Actor actor() {
        return Actor.agent(id);
    }
}
