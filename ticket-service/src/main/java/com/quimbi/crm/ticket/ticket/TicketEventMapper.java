package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.Map;

import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.StatusChangeReason;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;

/** A ticket as its contracts (contracts/ ticket.*) carry it; domain enums map to contract enums by name. */
final class TicketEventMapper {

    private TicketEventMapper() {
    }

    static TicketCreated created(Ticket t) {
        return new TicketCreated(t.getId(), t.getNumber(), t.getSubject(), t.getDescription(), status(t.getStatus()),
                priority(t.getPriority()), channel(t.getChannel()), t.getCustomerEmail(), t.getCreatedAt(),
                t.getCustomerId(), t.getLanguage(), t.getTags(), t.getExternalSource(), t.getExternalId());
    }

    static TicketUpdated updated(Ticket t, Map<String, FieldChange> changes, Instant at) {
        return new TicketUpdated(t.getId(), t.getNumber(), changes, t.getVersion(), at);
    }

    static TicketStatusChanged statusChanged(Ticket t, TicketStatus from, StatusChangeReason reason, Instant at) {
        return new TicketStatusChanged(t.getId(), t.getNumber(), status(from), status(t.getStatus()), reason, at);
    }

    static TicketDeleted deleted(Ticket t, Instant at) {
        return new TicketDeleted(t.getId(), t.getNumber(), at);
    }

    static Channel channel(TicketChannel channel) {
        return Channel.valueOf(channel.name());
    }

    private static com.quimbi.crm.contracts.ticket.TicketStatus status(TicketStatus status) {
        return com.quimbi.crm.contracts.ticket.TicketStatus.valueOf(status.name());
    }

    private static com.quimbi.crm.contracts.ticket.TicketPriority priority(TicketPriority priority) {
        return com.quimbi.crm.contracts.ticket.TicketPriority.valueOf(priority.name());
    }
}
