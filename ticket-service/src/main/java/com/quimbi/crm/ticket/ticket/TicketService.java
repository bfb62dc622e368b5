package com.quimbi.crm.ticket.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.ticket.ticket.internal.TicketRepository;

@Service
public class TicketService {

    private final TicketRepository tickets;
    private final OutboxWriter outbox;
    private final Clock clock;

    TicketService(TicketRepository tickets, OutboxWriter outbox, Clock clock) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Opens a ticket and records {@code ticket.created} in the same transaction. */
    @Transactional
    public Ticket open(CreateTicketRequest request, Actor actor) {
        // microseconds: what Postgres stores, so the event and a later read agree
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Ticket ticket = Ticket.open(Ids.newId(), tickets.nextNumber(), request.subject().strip(), request.description(),
                request.priority() == null ? TicketPriority.NORMAL : request.priority(), request.channel(),
                request.customerEmail().strip().toLowerCase(Locale.ROOT), actor.id(), now);
        tickets.save(ticket);
        outbox.append("ticket", ticket.getId().toString(), TicketCreated.TYPE, actor, TicketCreated.of(ticket));
        return ticket;
    }

    @Transactional(readOnly = true)
    public Ticket get(UUID id) {
        return tickets.findById(id).orElseThrow(() -> new NotFoundException("Ticket", id));
    }
}
