package com.quimbi.crm.notification.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.notification.collision.Viewers;
import com.quimbi.crm.notification.directory.TicketDirectory;
import com.quimbi.crm.notification.fanout.FrameBus;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/**
 * crm.ticket.events: keeps the ticket read model; {@code ticket_update} (status, priority, subject) to the
 * ticket's holder and watchers; {@code message_received} to the holder when the customer wrote (public).
 * Frames are published inside the listener's transaction: a redelivery after a failed commit may repeat a frame
 * (at least once; frames carry the event id).
 */
@Component
class TicketEventConsumer {

    static final String TICKET_UPDATE = "ticket_update";
    static final String MESSAGE_RECEIVED = "message_received";
    private static final int PREVIEW = 200;

    private final IdempotentConsumer consumer;
    private final TicketDirectory tickets;
    private final Viewers viewers;
    private final FrameBus frames;
    private final NewTicketFrames newTickets;
    private final EventRoutes routes;

    TicketEventConsumer(IdempotentConsumer consumer, TicketDirectory tickets, Viewers viewers, FrameBus frames,
            NewTicketFrames newTickets) {
        this.consumer = consumer;
        this.newTickets = newTickets;
        this.tickets = tickets;
        this.viewers = viewers;
        this.frames = frames;
        this.routes = EventRoutes.create()
                .on(TicketCreated.class, (envelope, created) -> onTicketCreated(envelope.id().toString(), created))
                .on(TicketUpdated.class, (envelope, updated) -> onTicketUpdated(envelope.id().toString(), updated))
                .on(TicketStatusChanged.class, (envelope, changed) -> onStatusChanged(envelope.id().toString(), changed))
                .on(TicketDeleted.class, deleted -> tickets.forget(deleted.ticketId()))
                .on(MessageAdded.class, (envelope, added) -> onMessageAdded(envelope.id().toString(), added));
    }

    @KafkaListener(topics = Topics.TICKET)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    void onTicketCreated(String eventId, TicketCreated created) {
        TicketDirectory.TicketView now = tickets.opened(created.ticketId(), created.number(), created.subject(),
                wire(created.status()), wire(created.priority()));
        if (now.assigneeId() != null) {
            // assigned before we heard of it (the assignment found no number): the new_ticket frame waited for this
            newTickets.send(now, now.assigneeId(), "assigned", eventId);
        }
    }

    void onTicketUpdated(String eventId, TicketUpdated updated) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String field : List.of("priority", "subject")) {
            FieldChange change = updated.changes() == null ? null : updated.changes().get(field);
            if (change != null && change.value() != null) {
                tickets.set(updated.ticketId(), field, String.valueOf(change.value()));
                fields.put(field, change.value());
            }
        }
        if (!fields.isEmpty()) {
            send(eventId, updated.ticketId(), updated.number(), String.join(",", fields.keySet()), fields);
        }
    }

    void onStatusChanged(String eventId, TicketStatusChanged changed) {
        tickets.set(changed.ticketId(), "status", wire(changed.to()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", wire(changed.to()));
        fields.put("previousStatus", wire(changed.from()));
        send(eventId, changed.ticketId(), changed.number(), "status", fields);
    }

    private void send(String eventId, UUID ticketId, String number, String change, Map<String, Object> changed) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticketId", ticketId.toString());
        fields.put("number", number);
        fields.put("change", change);
        fields.putAll(changed);
        fields.put("eventId", eventId);
        frames.send(Recipients.holderAndWatchers(tickets, viewers, ticketId), TICKET_UPDATE, fields);
    }

    void onMessageAdded(String eventId, MessageAdded added) {
        if (added.authorType() != AuthorType.CUSTOMER || added.internal()) {
            return;
        }
        tickets.find(added.ticketId()).map(TicketDirectory.TicketView::assigneeId).ifPresent(assignee -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ticketId", added.ticketId().toString());
            fields.put("number", added.ticketNumber());
            fields.put("messageId", added.messageId().toString());
            fields.put("channel", wire(added.channel()));
            String body = added.bodyText();
            fields.put("preview", body == null ? null : body.length() > PREVIEW ? body.substring(0, PREVIEW) : body);
            fields.put("createdAt", added.createdAt().toString());
            fields.put("eventId", eventId);
            frames.send(List.of(assignee), MESSAGE_RECEIVED, fields);
        });
    }

    static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
