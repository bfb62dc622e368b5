package com.quimbi.crm.assignment.messaging;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.assignment.ticket.Tickets;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.MalformedEventException;

/**
 * sla-service's view of each ticket's most urgent clock (its state and next deadline), which orders the agent
 * queues and the backlog (QueueOrder). Only the order changes: no ticket is routed or moved because of it. The
 * latest {@code computedAt} wins; {@code sla.breached} counts as state breached at {@code breachedAt} (the
 * {@code sla.clock_updated} that usually comes with it says the same).
 */
@Component
class SlaEventConsumer {

    private static final Set<String> STATES = Set.of("on_track", "at_risk", "breached", "paused", "met");

    private final IdempotentConsumer consumer;
    private final Tickets tickets;
    private final EventRoutes routes = EventRoutes.create()
            .on("sla.clock_updated", SlaData.class, this::onClockUpdated)
            .on("sla.breached", SlaData.class, this::onBreached);

    SlaEventConsumer(IdempotentConsumer consumer, Tickets tickets) {
        this.consumer = consumer;
        this.tickets = tickets;
    }

    @KafkaListener(topics = "crm.sla.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onClockUpdated(SlaData s) {
        if (s.ticketId() == null || s.state() == null || s.computedAt() == null || !STATES.contains(s.state())) {
            throw new MalformedEventException("sla.clock_updated without ticketId, a known state or computedAt", null);
        }
        tickets.saveSla(s.ticketId(), s.state(), s.nextDeadline(), s.computedAt());
    }

    private void onBreached(SlaData s) {
        if (s.ticketId() == null || s.deadline() == null || s.breachedAt() == null) {
            throw new MalformedEventException("sla.breached without ticketId, deadline or breachedAt", null);
        }
        tickets.saveSla(s.ticketId(), "breached", s.deadline(), s.breachedAt());
    }
}
