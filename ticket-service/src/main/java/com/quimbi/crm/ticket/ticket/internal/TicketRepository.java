package com.quimbi.crm.ticket.ticket.internal;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import com.quimbi.crm.ticket.ticket.Ticket;

public interface TicketRepository extends JpaRepository<Ticket, UUID> {

    /** The next human ticket number; gaps after a rollback are fine, duplicates never happen. */
    @Query(value = "SELECT nextval('ticket_number_seq')", nativeQuery = true)
    long nextNumber();
}
