package com.quimbi.crm.ticket.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import java.util.Locale;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.sla.ClockState;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaClockUpdated;
import com.quimbi.crm.ticket.ticket.SlaSnapshot;
import com.quimbi.crm.ticket.ticket.TicketService;

import tools.jackson.databind.JsonNode;

/** SLA clocks (crm.sla.events): the next deadline and its state, which move the smart order. */
@Component
class SlaEventConsumer {

    private final IdempotentConsumer consumer;
    private final TicketService tickets;
    private final EventRoutes routes = EventRoutes.create()
            .on(SlaClockUpdated.class, this::onClockUpdated)
            .on(SlaBreached.class, this::onBreached);

    SlaEventConsumer(IdempotentConsumer consumer, TicketService tickets) {
        this.consumer = consumer;
        this.tickets = tickets;
    }

    @KafkaListener(topics = Topics.SLA)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onClockUpdated(EventEnvelope<JsonNode> event, SlaClockUpdated e) {
        tickets.applySla(e.ticketId(), new SlaSnapshot(e.nextDeadline(), state(e.state()), e.computedAt()),
                event.actorOrSystem());
    }

    private void onBreached(EventEnvelope<JsonNode> event, SlaBreached e) {
        tickets.applySla(e.ticketId(), new SlaSnapshot(e.deadline(), state(ClockState.BREACHED), e.breachedAt()), event.actorOrSystem());
    }

    /** The snapshot keeps the wire name (it is stored and shown as is). */
    private static String state(ClockState state) {
        return state == null ? null : state.name().toLowerCase(Locale.ROOT);
    }
}
