package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A customer's request, worked by agents until it is solved. */
@Entity
@Table(name = "ticket")
public class Ticket {

    @Id
    private UUID id;

    /** Human number (#1042), from a database sequence. */
    @Column(updatable = false)
    private long number;

    private String subject;
    private String description;

    @Enumerated(EnumType.STRING)
    private TicketStatus status;

    @Enumerated(EnumType.STRING)
    private TicketPriority priority;

    @Enumerated(EnumType.STRING)
    private TicketChannel channel;

    private String customerEmail;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private Long version;

    protected Ticket() {
    }

    static Ticket open(UUID id, long number, String subject, String description, TicketPriority priority, TicketChannel channel,
            String customerEmail, String createdBy, Instant now) {
        Ticket ticket = new Ticket();
        ticket.id = id;
        ticket.number = number;
        ticket.subject = subject;
        ticket.description = description;
        ticket.status = TicketStatus.NEW;
        ticket.priority = priority;
        ticket.channel = channel;
        ticket.customerEmail = customerEmail;
        ticket.createdBy = createdBy;
        ticket.createdAt = now;
        ticket.updatedAt = now;
        return ticket;
    }

    public UUID getId() {
        return id;
    }

    public String getNumber() {
        return "#" + number;
    }

    public String getSubject() {
        return subject;
    }

    public String getDescription() {
        return description;
    }

    public TicketStatus getStatus() {
        return status;
    }

    public TicketPriority getPriority() {
        return priority;
    }

    public TicketChannel getChannel() {
        return channel;
    }

    public String getCustomerEmail() {
        return customerEmail;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version == null ? 0 : version;
    }
}
