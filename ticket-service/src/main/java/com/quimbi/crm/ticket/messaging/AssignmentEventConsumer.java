package com.quimbi.crm.ticket.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;
import com.quimbi.crm.ticket.messaging.IncomingData.TicketAssigned;
import com.quimbi.crm.ticket.messaging.IncomingData.TicketUnassigned;
import com.quimbi.crm.ticket.ticket.TicketService;

/** Who works a ticket (crm.assignment.events), kept on the ticket for lists and filters. */
@Component
class AssignmentEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(AssignmentEventConsumer.class);

    private final EventReader reader;
    private final Inbox inbox;
    private final TicketService tickets;
    private final String group;

    AssignmentEventConsumer(EventReader reader, Inbox inbox, TicketService tickets,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.reader = reader;
        this.inbox = inbox;
        this.tickets = tickets;
        this.group = group;
    }

    @KafkaListener(topics = "crm.assignment.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        Incoming.process(reader, inbox, group, record.value(), (event, actor) -> {
            switch (event.type()) {
                case "assignment.ticket_assigned" -> {
                    TicketAssigned e = reader.data(event, TicketAssigned.class);
                    if (!tickets.applyAssignment(e.ticketId(), e.assigneeId(), actor)) {
                        log.info("Assignment of unknown or deleted ticket {} ignored", e.ticketId());
                    }
                }
                case "assignment.ticket_unassigned" -> {
                    TicketUnassigned e = reader.data(event, TicketUnassigned.class);
                    tickets.applyAssignment(e.ticketId(), null, actor);
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
    }
}
