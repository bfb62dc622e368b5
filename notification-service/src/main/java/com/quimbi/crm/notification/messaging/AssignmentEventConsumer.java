package com.quimbi.crm.notification.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.assignment.AssignmentTransferred;
import com.quimbi.crm.contracts.assignment.AssignmentUnassigned;
import com.quimbi.crm.notification.collision.Viewers;
import com.quimbi.crm.notification.directory.TicketDirectory;
import com.quimbi.crm.notification.fanout.FrameBus;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/**
 * crm.assignment.events: the ticket's holder in the read model; {@code new_ticket} to the new holder,
 * {@code ticket_update} (assignee) to the previous holder and the ticket's watchers.
 */
@Component
class AssignmentEventConsumer {

    private final IdempotentConsumer consumer;
    private final TicketDirectory tickets;
    private final Viewers viewers;
    private final FrameBus frames;
    private final NewTicketFrames newTickets;
    private final EventRoutes routes;

    AssignmentEventConsumer(IdempotentConsumer consumer, TicketDirectory tickets, Viewers viewers, FrameBus frames,
            NewTicketFrames newTickets) {
        this.consumer = consumer;
        this.newTickets = newTickets;
        this.tickets = tickets;
        this.viewers = viewers;
        this.frames = frames;
        this.routes = EventRoutes.create()
                .on(AssignmentAssigned.class, (envelope, assigned) -> assigned(envelope.id().toString(),
                        assigned.ticketId(), assigned.assigneeId(), assigned.previousAssigneeId(),
                        TicketEventConsumer.wire(assigned.reason())))
                .on(AssignmentTransferred.class, (envelope, transferred) -> assigned(envelope.id().toString(),
                        transferred.ticketId(), transferred.toAgentId(), transferred.fromAgentId(), "transfer"))
                .on(AssignmentUnassigned.class, (envelope, unassigned) -> assigned(envelope.id().toString(),
                        unassigned.ticketId(), null, unassigned.previousAssigneeId(), TicketEventConsumer.wire(unassigned.reason())));
    }

    @KafkaListener(topics = Topics.ASSIGNMENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void assigned(String eventId, UUID ticketId, String assignee, String previous, String reason) {
        TicketDirectory.TicketView ticket = tickets.set(ticketId, "assignee_id", assignee);
        if (assignee != null) {
            newTickets.send(ticket, assignee, reason, eventId);
        }
        List<String> others = Recipients.holderAndWatchers(tickets, viewers, ticketId, previous).stream()
                .filter(agent -> !agent.equals(assignee)).toList();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticketId", ticketId.toString());
        fields.put("number", ticket.number());
        fields.put("change", "assignee");
        fields.put("assigneeId", assignee);
        fields.put("previousAssigneeId", previous);
        fields.put("eventId", eventId);
        frames.send(others, TicketEventConsumer.TICKET_UPDATE, fields);
    }
}
