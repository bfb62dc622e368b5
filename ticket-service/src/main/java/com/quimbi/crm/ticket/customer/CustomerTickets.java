package com.quimbi.crm.ticket.customer;

import java.util.UUID;

import com.quimbi.crm.platform.event.Actor;

/**
 * What a merge needs from the tickets: moving them to the surviving customer. Declared here and implemented by the
 * ticket feature, so tickets depend on customers and never the other way round.
 */
public interface CustomerTickets {

    /** Moves every ticket of {@code sourceId} to {@code targetId} (in the caller's transaction); how many moved. */
    int moveCustomer(UUID sourceId, UUID targetId, String targetEmail, Actor actor);
}
