package com.quimbi.crm.ticket.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import com.quimbi.crm.contracts.sla.ClockState;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.ticket.activity.ActivityLog;
import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.ticket.StatusChangeReason;
import com.quimbi.crm.ticket.activity.Changes;
import com.quimbi.crm.platform.web.ETags;
import com.quimbi.crm.ticket.customer.Customer;
import com.quimbi.crm.ticket.customer.CustomerService;
import com.quimbi.crm.ticket.customer.CustomerTickets;
import com.quimbi.crm.ticket.idempotency.IdempotencyKeys;
import com.quimbi.crm.ticket.ticket.internal.TicketStore;

/** Ticket use cases. Each one writes the state, its audit line and its event(s) in one transaction. */
@Service
public class TicketService implements CustomerTickets {

    private final TicketStore tickets;
    private final CustomerService customers;
    private final ActivityLog activity;
    private final OutboxWriter outbox;
    private final Clock clock;

    TicketService(TicketStore tickets, CustomerService customers, ActivityLog activity, OutboxWriter outbox,
            Clock clock) {
        this.tickets = tickets;
        this.customers = customers;
        this.activity = activity;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A created ticket, or the one an earlier request with the same Idempotency-Key created. */
    public record Opened(Ticket ticket, boolean replayed) {
    }

    /** Opens a ticket and records {@code ticket.created} in the same transaction. */
    @Transactional
    public Ticket open(CreateTicketRequest request, Actor actor) {
        return open(request, actor, null).ticket();
    }

    @Transactional
    public Opened open(CreateTicketRequest request, Actor actor, String idempotencyKey) {
        Instant now = now();
        UUID id = Ids.newId();
        if (idempotencyKey != null) {
            String owner = IdempotencyKeys.owner(actor);
            String hash = IdempotencyKeys.hash(request.toString());
            if (!tickets.claimIdempotencyKey(owner, idempotencyKey, id, hash, now)) {
                var earlier = tickets.findIdempotencyKey(owner, idempotencyKey).orElseThrow();
                if (!earlier.requestHash().equals(hash)) {
                    throw new ResponseStatusException(HttpStatusCode.valueOf(422),
                            "Idempotency-Key " + idempotencyKey + " was used for a different request");
                }
                return new Opened(tickets.find(earlier.ticketId()).orElseThrow(), true);
            }
        }
        Customer customer = customers.findOrCreate(request.customerEmail(), request.customerName(), actor);
        String language = request.language() != null ? request.language() : customer.language();
        Ticket ticket = newTicket(request, customer).id(id).language(language)
                .metadata(request.metadata() == null ? TicketMetadata.EMPTY : request.metadata())
                .created(actor.id(), now).open();
        tickets.insert(ticket);
        customers.touchLastContact(customer.id(), now);
        activity.record(ticket.getId(), actor, "created", Map.of("number", ticket.getNumber(),
                "status", ticket.getStatus().toString(), "priority", ticket.getPriority().toString()), now);
        outbox.append(ticket.getId().toString(), actor, TicketEventMapper.created(ticket));
        return new Opened(ticket, false);
    }

    /** A live (not deleted) ticket, if any; unlike {@link #get} it never marks the caller's transaction for rollback. */
    @Transactional(readOnly = true)
    public java.util.Optional<Ticket> findLive(UUID id) {
        return tickets.find(id).filter(t -> !t.isDeleted());
    }

    /** A live (not deleted) ticket. */
    @Transactional(readOnly = true)
    public Ticket get(UUID id) {
        return tickets.find(id).filter(t -> !t.isDeleted()).orElseThrow(() -> new NotFoundException("Ticket", id));
    }

    @Transactional
    public Ticket update(UUID id, UpdateTicketRequest request, Long ifMatch, Actor actor) {
        Ticket ticket = lockLive(id);
        ETags.check(ifMatch, ticket.getVersion(), "Ticket " + ticket.getNumber());
        TicketStatus from = ticket.getStatus();
        Changes changes = new Changes();
        if (request.subject() != null) {
            ticket.setSubject(changes.compare("subject", ticket.getSubject(), request.subject().strip()));
        }
        if (request.priority() != null) {
            ticket.setPriority(changes.compare("priority", ticket.getPriority(), request.priority()));
        }
        if (request.channel() != null) {
            ticket.setChannel(changes.compare("channel", ticket.getChannel(), request.channel()));
        }
        if (request.language() != null) {
            ticket.setLanguage(changes.compare("language", ticket.getLanguage(), request.language()));
        }
        if (request.category() != null) {
            ticket.setCategory(changes.compare("category", ticket.getCategory(),
                    request.category().isBlank() ? null : request.category().strip()));
        }
        if (request.tags() != null) {
            ticket.setTags(changes.compare("tags", ticket.getTags(), Tags.normalize(request.tags())));
        }
        if (request.metadata() != null) {
            ticket.setMetadata(changes.compare("metadata", ticket.getMetadata(), request.metadata()));
        }
        if (request.status() != null && request.status() != from) {
            if (!changes.isEmpty()) {
                ticket.checkNotClosedFor("editing it");
            }
            ticket.changeStatus(request.status());
        } else if (!changes.isEmpty()) {
            ticket.checkNotClosedFor("editing it");
        }
        if (changes.isEmpty() && ticket.getStatus() == from) {
            return ticket;
        }
        Instant now = now();
        ticket.touch(now);
        save(ticket);
        if (!changes.isEmpty()) {
            activity.record(id, actor, "updated", changes.asMap(), now);
            outbox.append(id.toString(), actor, TicketEventMapper.updated(ticket, changes.asMap(), now));
        }
        if (ticket.getStatus() != from) {
            statusChanged(ticket, from, StatusChangeReason.AGENT, actor, now);
        }
        return ticket;
    }

    /** Soft delete: the ticket disappears from lists and reads; its row, messages and audit trail stay. */
    @Transactional
    public void delete(UUID id, Actor actor) {
        Ticket ticket = lockLive(id);
        Instant now = now();
        ticket.delete(actor.id(), now);
        save(ticket);
        activity.record(id, actor, "deleted", Map.of(), now);
        outbox.append(id.toString(), actor, TicketEventMapper.deleted(ticket, now));
    }

    /** Who wrote a message, as far as the ticket's status rules care. */
    public enum Author {
        CUSTOMER, AGENT, SYSTEM
    }

    /**
     * A message was added to the ticket (called inside the message's transaction): a customer reply reopens a
     * solved or pending ticket, an agent's first public reply opens a new one; closed tickets take no messages.
     */
    @Transactional
    public Ticket messageAdded(UUID ticketId, Author author, boolean internal, Instant at, Actor actor) {
        Ticket ticket = lockLive(ticketId);
        ticket.checkNotClosedFor("adding messages");
        TicketStatus from = ticket.getStatus();
        StatusChangeReason reason = null;
        if (author == Author.CUSTOMER && (from == TicketStatus.SOLVED || from == TicketStatus.PENDING
                || from == TicketStatus.ON_HOLD)) {
            reason = StatusChangeReason.CUSTOMER_REPLY;
            ticket.changeStatus(TicketStatus.OPEN);
        } else if (author == Author.AGENT && !internal && from == TicketStatus.NEW) {
            reason = StatusChangeReason.AGENT_REPLY;
            ticket.changeStatus(TicketStatus.OPEN);
        }
        ticket.messageAt(at);
        ticket.touch(at);
        save(ticket);
        if (reason != null) {
            statusChanged(ticket, from, reason, actor, at);
        }
        if (author == Author.CUSTOMER && ticket.getCustomerId() != null) {
            customers.touchLastContact(ticket.getCustomerId(), at);
        }
        return ticket;
    }

    /** Enrichment's snapshot (crm.enrichment.events); category and language only fill what agents left empty. */
    @Transactional
    public boolean applyEnrichment(UUID ticketId, Enrichment enrichment, String category, String language,
            Actor actor) {
        var found = tickets.lock(ticketId).filter(t -> !t.isDeleted());
        if (found.isEmpty()) {
            return false;
        }
        Ticket ticket = found.get();
        Instant now = now();
        Changes changes = new Changes();
        if (category != null && ticket.getCategory() == null) {
            ticket.setCategory(changes.compare("category", null, category));
        }
        if (language != null && ticket.getLanguage() == null) {
            ticket.setLanguage(changes.compare("language", null, language));
        }
        ticket.setEnrichment(enrichment);
        ticket.touch(now);
        save(ticket);
        activity.record(ticketId, actor, "enriched", Map.of("enrichment", enrichment), now);
        if (!changes.isEmpty()) {
            outbox.append(ticketId.toString(), actor, TicketEventMapper.updated(ticket, changes.asMap(), now));
        }
        return true;
    }

    /** The assignee, denormalized from crm.assignment.events (assignment-service owns assignments). */
    @Transactional
    public boolean applyAssignment(UUID ticketId, String assigneeId, Actor actor) {
        var found = tickets.lock(ticketId).filter(t -> !t.isDeleted());
        if (found.isEmpty()) {
            return false;
        }
        Ticket ticket = found.get();
        if (java.util.Objects.equals(ticket.getAssigneeId(), assigneeId)) {
            return true;
        }
        Instant now = now();
        String previous = ticket.getAssigneeId();
        ticket.setAssigneeId(assigneeId);
        ticket.touch(now);
        save(ticket);
        activity.record(ticketId, actor, assigneeId == null ? "unassigned" : "assigned",
                Map.of("assignee", new FieldChange(previous, assigneeId)), now);
        return true;
    }

    /** The SLA clock from crm.sla.events; moves the smart order. */
    @Transactional
    public boolean applySla(UUID ticketId, SlaSnapshot sla, Actor actor) {
        var found = tickets.lock(ticketId).filter(t -> !t.isDeleted());
        if (found.isEmpty()) {
            return false;
        }
        Ticket ticket = found.get();
        // events of one ticket arrive in order, but a replayed older clock must not overwrite a newer one
        if (ticket.getSla().updatedAt() != null && sla.updatedAt() != null
                && sla.updatedAt().isBefore(ticket.getSla().updatedAt())) {
            return true;
        }
        Instant now = now();
        String previousState = ticket.getSla().state();
        ticket.setSla(sla);
        save(ticket);
        if (!java.util.Objects.equals(previousState, sla.state())) {
            activity.record(ticketId, actor, "sla_" + (sla.state() == null ? "cleared" : sla.state()),
                    Map.of("nextDeadline", String.valueOf(sla.nextDeadline())), now);
        }
        return true;
    }

    /** A ticket imported from another helpdesk (Gorgias) under its external id; never imported twice. */
    @Transactional
    public Ticket importTicket(String source, String externalId, CreateTicketRequest request, TicketStatus status,
            Instant createdAt, Actor actor) {
        return importTicket(source, externalId, request, status, createdAt, null, actor);
    }

    /** As above; {@code ticketId} (e-mail) is the id the new ticket gets, chosen by integration-service. */
    @Transactional
    public Ticket importTicket(String source, String externalId, CreateTicketRequest request, TicketStatus status,
            Instant createdAt, UUID ticketId, Actor actor) {
        var existing = tickets.findByExternal(source, externalId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Customer customer = customers.findOrCreate(request.customerEmail(), request.customerName(), actor);
        Instant at = createdAt == null ? now() : createdAt.truncatedTo(ChronoUnit.MICROS);
        Ticket ticket = newTicket(request, customer).id(ticketId != null ? ticketId : Ids.newId())
                .language(request.language() != null ? request.language() : customer.language())
                .status(status == null ? TicketStatus.OPEN : status).created(null, at).external(source, externalId)
                .open();
        tickets.insert(ticket);
        activity.record(ticket.getId(), actor, "imported", Map.of("source", source, "externalId", externalId), now());
        outbox.append(ticket.getId().toString(), actor, TicketEventMapper.created(ticket));
        return ticket;
    }

    /**
     * The status of a ticket linked to another helpdesk changed there (Gorgias): the ticket follows, reason
     * {@code import} (so the change is not pushed back). A closed ticket, the same status or a move the ticket's
     * rules do not allow changes nothing (false).
     */
    @Transactional
    public boolean applyExternalStatus(UUID ticketId, TicketStatus status, Actor actor) {
        var found = tickets.lock(ticketId).filter(t -> !t.isDeleted());
        if (found.isEmpty()) {
            return false;
        }
        Ticket ticket = found.get();
        TicketStatus from = ticket.getStatus();
        if (from == status || from == TicketStatus.CLOSED || !from.canBecome(status)) {
            return false;
        }
        Instant now = now();
        ticket.changeStatus(status);
        ticket.touch(now);
        save(ticket);
        statusChanged(ticket, from, StatusChangeReason.IMPORT, actor, now);
        return true;
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Ticket> findImported(String source, String externalId) {
        return tickets.findByExternal(source, externalId);
    }

    /** A customer merge moves every ticket of {@code source} to {@code target}; returns how many moved. */
    @Override
    @Transactional
    public int moveCustomer(UUID sourceId, UUID targetId, String targetEmail, Actor actor) {
        List<UUID> ids = tickets.idsOfCustomer(sourceId);
        Instant now = now();
        for (UUID id : ids) {
            Ticket ticket = tickets.lock(id).orElseThrow();
            Changes changes = new Changes();
            changes.compare("customerId", ticket.getCustomerId(), targetId);
            changes.compare("customerEmail", ticket.getCustomerEmail(), targetEmail);
            ticket.setCustomer(targetId, targetEmail);
            ticket.touch(now);
            save(ticket);
            activity.record(id, actor, "customer_merged", changes.asMap(), now);
            if (!ticket.isDeleted()) {
                outbox.append(id.toString(), actor, TicketEventMapper.updated(ticket, changes.asMap(), now));
            }
        }
        return ids.size();
    }

    @Transactional(readOnly = true)
    public CursorPage<TicketSummary> list(TicketFilter filter, TicketSort requestedSort, String cursor,
            Integer limit) {
        String q = filter.q() == null || filter.q().isBlank() ? null : filter.q().strip();
        if (q != null && q.length() > 200) {
            throw new InvalidInputException("q", "must be at most 200 characters");
        }
        TicketFilter effective = new TicketFilter(filter.status(), filter.priority(), filter.channel(),
                filter.customerId(), filter.assigneeId(), filter.unassigned(), normalizeTag(filter.tag()),
                filter.category(), filter.createdFrom(), filter.createdTo(), filter.updatedFrom(), filter.updatedTo(), q,
                slaStates(filter.slaState()));
        TicketSort sort = requestedSort != null ? requestedSort : q != null ? TicketSort.RELEVANCE : TicketSort.SMART;
        if (sort == TicketSort.RELEVANCE && q == null) {
            throw new InvalidInputException("sort", "relevance needs a search text q");
        }
        int size = Cursor.limit(limit);
        List<TicketSummary> rows = tickets.list(effective, sort, cursor, size + 1);
        return CursorPage.of(rows, size, last -> TicketStore.cursorAfter(last, sort));
    }

    private static final List<String> SLA_STATES = java.util.Arrays.stream(ClockState.values())
            .map(state -> state.name().toLowerCase(java.util.Locale.ROOT)).toList();

    /** The wire names of {@link ClockState}, as SlaEventConsumer stores them; anything else is a 400, not an empty list. */
    private static List<String> slaStates(List<String> requested) {
        if (requested == null) {
            return null;
        }
        List<String> states = new java.util.ArrayList<>();
        for (String value : requested) {
            String state = value.strip().toLowerCase(java.util.Locale.ROOT);
            if (!SLA_STATES.contains(state)) {
                throw new InvalidInputException("slaState", "has an invalid value '" + value + "' (allowed: "
                        + String.join(", ", SLA_STATES) + ")");
            }
            states.add(state);
        }
        return states;
    }

    private static String normalizeTag(String tag) {
        return tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private Ticket lockLive(UUID id) {
        return tickets.lock(id).filter(t -> !t.isDeleted()).orElseThrow(() -> new NotFoundException("Ticket", id));
    }

    private void save(Ticket ticket) {
        ticket.versionSaved(tickets.update(ticket));
    }

    /** What a new ticket takes from the request and its customer; the caller adds the rest, then opens it. */
    private Ticket.Builder newTicket(CreateTicketRequest request, Customer customer) {
        return Ticket.builder().number(tickets.nextNumber()).subject(request.subject().strip())
                .description(request.description())
                .priority(request.priority() == null ? TicketPriority.NORMAL : request.priority())
                .channel(request.channel()).customer(customer.id(), customer.email())
                .tags(Tags.normalize(request.tags()));
    }

    private void statusChanged(Ticket ticket, TicketStatus from, StatusChangeReason reason, Actor actor,
            Instant now) {
        activity.record(ticket.getId(), actor, "status_changed",
                Map.of("status", new FieldChange(from, ticket.getStatus()), "reason", reason), now);
        outbox.append(ticket.getId().toString(), actor, TicketEventMapper.statusChanged(ticket, from, reason, now));
    }

    private Instant now() {
        // microseconds: what Postgres stores, so the event and a later read agree
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

}
