package com.quimbi.crm.ticket.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;
import com.quimbi.crm.ticket.messaging.IncomingData.SlaBreached;
import com.quimbi.crm.ticket.messaging.IncomingData.SlaClockUpdated;
import com.quimbi.crm.ticket.ticket.SlaSnapshot;
import com.quimbi.crm.ticket.ticket.TicketService;

/** SLA clocks (crm.sla.events): the next deadline and its state, which move the smart order. */
@Component
class SlaEventConsumer {

    private final EventReader reader;
    private final Inbox inbox;
    private final TicketService tickets;
    private final String group;

    SlaEventConsumer(EventReader reader, Inbox inbox, TicketService tickets,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.reader = reader;
        this.inbox = inbox;
        this.tickets = tickets;
        this.group = group;
    }

    @KafkaListener(topics = "crm.sla.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        Incoming.process(reader, inbox, group, record.value(), (event, actor) -> {
            switch (event.type()) {
                case "sla.clock_updated" -> {
                    SlaClockUpdated e = reader.data(event, SlaClockUpdated.class);
                    tickets.applySla(e.ticketId(), new SlaSnapshot(e.nextDeadline(), e.state(), e.computedAt()), actor);
                }
                case "sla.breached" -> {
                    SlaBreached e = reader.data(event, SlaBreached.class);
                    tickets.applySla(e.ticketId(), new SlaSnapshot(e.deadline(), "breached", e.breachedAt()), actor);
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
    }
}
