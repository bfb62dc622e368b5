package com.quimbi.crm.ticket.message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.http.HttpStatusCode;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.ticket.activity.ActivityLog;
import com.quimbi.crm.ticket.idempotency.IdempotencyKeys;
import com.quimbi.crm.ticket.message.MessageRequests.AddMessage;
import com.quimbi.crm.ticket.message.MessageRequests.EditMessage;
import com.quimbi.crm.ticket.message.internal.MessageStore;
import com.quimbi.crm.ticket.ticket.Ticket;
import com.quimbi.crm.ticket.ticket.TicketChannel;
import com.quimbi.crm.ticket.ticket.TicketService.Author;
import com.quimbi.crm.ticket.ticket.TicketService;

/** Message use cases: the message, the ticket's reaction (status, last activity), audit and event in one transaction. */
@Service
public class MessageService {

    private final MessageStore messages;
    private final TicketService tickets;
    private final ActivityLog activity;
    private final OutboxWriter outbox;
    private final Clock clock;

    MessageService(MessageStore messages, TicketService tickets, ActivityLog activity, OutboxWriter outbox,
            Clock clock) {
        this.messages = messages;
        this.tickets = tickets;
        this.activity = activity;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Message add(UUID ticketId, AddMessage request, Actor actor) {
        return add(ticketId, request, actor, null).message();
    }

    /** An added message, or the one an earlier request with the same Idempotency-Key added. */
    public record Added(Message message, boolean replayed) {
    }

    /**
     * With an Idempotency-Key, a retry of the same request returns the message the first one added (422 when the key
     * was used for another request): a client that saw no answer (a timeout, a service killed mid-request) can retry
     * without posting the reply twice.
     */
    @Transactional
    public Added add(UUID ticketId, AddMessage request, Actor actor, String idempotencyKey) {
        UUID id = Ids.newId();
        if (idempotencyKey != null) {
            String owner = IdempotencyKeys.owner(actor);
            String hash = IdempotencyKeys.hash(ticketId + " " + request);
            if (!messages.claimIdempotencyKey(owner, idempotencyKey, id, hash, now())) {
                var earlier = messages.findIdempotencyKey(owner, idempotencyKey).orElseThrow();
                if (!earlier.requestHash().equals(hash)) {
                    throw new ResponseStatusException(HttpStatusCode.valueOf(422),
                            "Idempotency-Key " + idempotencyKey + " was used for a different request");
                }
                return new Added(messages.lock(earlier.messageId()).orElseThrow(), true);
            }
        }
        boolean fromCustomer = Message.CUSTOMER.equals(request.authorType());
        boolean internal = Boolean.TRUE.equals(request.internal());
        if (fromCustomer && internal) {
            throw new InvalidInputException("internal", "a customer's message cannot be an internal note");
        }
        HtmlBody body = HtmlBody.of(request.body(), request.html());
        Instant now = now();
        Ticket ticket = tickets.messageAdded(ticketId, fromCustomer ? Author.CUSTOMER : Author.AGENT, internal, now,
                actor);
        String direction = fromCustomer ? "inbound" : internal ? "internal" : "outbound";
        String delivery = "outbound".equals(direction) && ticket.getChannel() == TicketChannel.EMAIL ? "queued" : null;
        Message message = new Message(id, ticketId, fromCustomer ? Message.CUSTOMER : Message.AGENT,
                fromCustomer ? Objects.toString(ticket.getCustomerId(), null) : actor.id(), direction, body.text(),
                body.html(), internal, request.attachments() == null ? List.of() : request.attachments(), delivery,
                null, null, now, null, null, null, 0);
        insert(message, ticket, actor);
        return new Added(message, false);
    }

    /** A message imported from another helpdesk under its external id; false when it was imported before. */
    @Transactional
    public boolean importMessage(UUID ticketId, String source, String externalId, String authorType, String text,
            String html, boolean internal, Instant createdAt, Actor actor) {
        return importMessage(ticketId, source, externalId, authorType, text, html, internal, false, List.of(), createdAt,
                actor);
    }

    /**
     * As above, for e-mail: an {@code autoReply} (out-of-office, list mail) is stored as the customer's but never
     * reopens the ticket or counts as the customer's last contact; {@code attachments} are links to the files.
     */
    @Transactional
    public boolean importMessage(UUID ticketId, String source, String externalId, String authorType, String text,
            String html, boolean internal, boolean autoReply, List<Attachment> attachments, Instant createdAt,
            Actor actor) {
        if (messages.existsExternal(source, externalId)) {
            return false;
        }
        boolean fromCustomer = Message.CUSTOMER.equals(authorType);
        HtmlBody body = HtmlBody.of(text, html);
        Instant at = createdAt == null ? now() : createdAt.truncatedTo(ChronoUnit.MICROS);
        Ticket ticket = tickets.messageAdded(ticketId, fromCustomer && !autoReply ? Author.CUSTOMER : Author.SYSTEM,
                internal, at, actor);
        Message message = new Message(Ids.newId(), ticketId, fromCustomer ? Message.CUSTOMER : Message.AGENT,
                fromCustomer ? Objects.toString(ticket.getCustomerId(), null) : null,
                fromCustomer ? "inbound" : internal ? "internal" : "outbound", body.text(), body.html(), internal,
                attachments == null ? List.of() : attachments, null, source, externalId, at, null, null, null, 0);
        insert(message, ticket, actor);
        return true;
    }

    private void insert(Message message, Ticket ticket, Actor actor) {
        messages.insert(message);
        activity.record(ticket.getId(), actor, message.internal() ? "note_added" : "message_added",
                Map.of("messageId", message.id().toString(), "authorType", message.authorType()), message.createdAt());
        outbox.append(ticket.getId().toString(), actor, MessageEventMapper.added(message, ticket));
    }

    private static final String MESSAGES = "ticket-messages";

    @Transactional(readOnly = true)
    public CursorPage<MessageView> list(UUID ticketId, String readerId, String cursor, Integer limit) {
        tickets.get(ticketId);
        int size = Cursor.limit(limit);
        Cursor.Keys after = Cursor.decode(cursor, MESSAGES, 2);
        Instant readAt = messages.readAt(ticketId, readerId).orElse(null);
        List<Message> rows = messages.list(ticketId, after == null ? null : after.instant(0),
                after == null ? null : after.uuid(1), size + 1);
        return CursorPage.of(rows, size, last -> Cursor.encode(MESSAGES, last.createdAt(), last.id()))
                .map(m -> MessageView.of(m, readAt));
    }

    /** The newest messages of a ticket (oldest first), as the ticket view shows them. */
    @Transactional(readOnly = true)
    public List<MessageView> last(UUID ticketId, String readerId, int count) {
        Instant readAt = messages.readAt(ticketId, readerId).orElse(null);
        return messages.last(ticketId, count).stream().map(m -> MessageView.of(m, readAt)).toList();
    }

    @Transactional(readOnly = true)
    public int unread(UUID ticketId, String readerId) {
        return messages.unread(ticketId, readerId);
    }

    /** An agent edits their own message; a supervisor may edit any agent's. What customers wrote stays as written. */
    @Transactional
    public Message edit(UUID messageId, EditMessage request, Long ifMatch, Actor actor, boolean supervisor) {
        Message current = lockLive(messageId);
        com.quimbi.crm.platform.web.ETags.check(ifMatch, current.version(), "Message " + messageId);
        if (!Message.AGENT.equals(current.authorType())) {
            throw new ConflictException("Message " + messageId + " was written by the " + current.authorType()
                    + " and cannot be edited");
        }
        if (!supervisor && !Objects.equals(current.authorId(), actor.id())) {
            throw new AuthorizationDeniedException("Only the author or a supervisor may edit this message.");
        }
        tickets.get(current.ticketId());
        HtmlBody body = HtmlBody.of(request.body(), request.html());
        Instant now = now();
        Message edited = current.edited(body.text(), body.html(), now);
        long version = messages.update(edited);
        activity.record(current.ticketId(), actor, "message_edited", Map.of("messageId", messageId.toString()), now);
        outbox.append(current.ticketId().toString(), actor, MessageEventMapper.edited(current, body.text(), now));
        return new Message(edited.id(), edited.ticketId(), edited.authorType(), edited.authorId(), edited.direction(),
                edited.bodyText(), edited.bodyHtml(), edited.internal(), edited.attachments(), edited.deliveryStatus(),
                edited.externalSource(), edited.externalId(), edited.createdAt(), edited.editedAt(), null, null, version);
    }

    /** Soft delete (supervisor+): hidden from the thread and search, kept for the audit trail. */
    @Transactional
    public void delete(UUID messageId, Actor actor) {
        Message current = lockLive(messageId);
        Instant now = now();
        messages.update(current.deleted(actor.id(), now));
        activity.record(current.ticketId(), actor, "message_deleted", Map.of("messageId", messageId.toString()), now);
        outbox.append(current.ticketId().toString(), actor, MessageEventMapper.deleted(current, now));
    }

    /**
     * What the mail provider reported for an outbound email (crm.integration.events). Stale or repeated reports
     * change nothing; a report about a message that was never an outbound email is the producer's mistake.
     *
     * @return false when the message is unknown or deleted
     */
    @Transactional
    public boolean applyDeliveryStatus(UUID messageId, DeliveryStatus status, String detail, Actor actor) {
        var found = messages.lock(messageId).filter(m -> m.deletedAt() == null);
        if (found.isEmpty()) {
            return false;
        }
        Message message = found.get();
        if (message.deliveryStatus() == null) {
            throw new InvalidInputException("messageId", "is not an outbound email, so it has no delivery status");
        }
        if (!DeliveryStatus.fromWire(message.deliveryStatus()).canMoveTo(status)) {
            return true;
        }
        Instant now = now();
        messages.updateDeliveryStatus(messageId, status.wire());
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("messageId", messageId.toString());
        details.put("deliveryStatus", new com.quimbi.crm.contracts.FieldChange(message.deliveryStatus(), status.wire()));
        if (detail != null) {
            details.put("detail", detail);
        }
        activity.record(message.ticketId(), actor, "message_delivery", details, now);
        outbox.append(message.ticketId().toString(), actor, MessageEventMapper.delivery(message, status, detail, now));
        return true;
    }

    /** Marks the ticket read for the caller up to now. */
    @Transactional
    public void markRead(UUID ticketId, String readerId) {
        tickets.get(ticketId);
        messages.markRead(ticketId, readerId, now());
    }

    private Message lockLive(UUID id) {
        return messages.lock(id).filter(m -> m.deletedAt() == null)
                .orElseThrow(() -> new NotFoundException("Message", id));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
