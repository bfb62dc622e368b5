package com.quimbi.crm.ticket.ticket.internal;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

import com.quimbi.crm.ticket.ticket.Ticket;

public interface TicketRepository extends JpaRepository<Ticket, UUID> {
}
