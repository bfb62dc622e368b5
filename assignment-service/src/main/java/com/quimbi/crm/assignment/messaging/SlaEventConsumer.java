package com.quimbi.crm.assignment.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.assignment.ticket.Tickets;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.sla.ClockState;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaClockUpdated;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/**
 * sla-service's view of each ticket's most urgent clock (its state and next deadline), which orders the agent
 * queues and the backlog (QueueOrder). Only the order changes: no ticket is routed or moved because of it. The
 * latest {@code computedAt} wins; {@code sla.breached} counts as state breached at {@code breachedAt} (the
 * {@code sla.clock_updated} that usually comes with it says the same).
 */
@Component
class SlaEventConsumer {

    private final IdempotentConsumer consumer;
    private final Tickets tickets;
    private final EventRoutes routes = EventRoutes.create()
            .on(SlaClockUpdated.class, this::onClockUpdated)
            .on(SlaBreached.class, this::onBreached);

    SlaEventConsumer(IdempotentConsumer consumer, Tickets tickets) {
        this.consumer = consumer;
        this.tickets = tickets;
    }

    @KafkaListener(topics = Topics.SLA)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onClockUpdated(SlaClockUpdated s) {
        tickets.saveSla(s.ticketId(), Wire.name(s.state()), s.nextDeadline(), s.computedAt());
    }

    private void onBreached(SlaBreached s) {
        tickets.saveSla(s.ticketId(), Wire.name(ClockState.BREACHED), s.deadline(), s.breachedAt());
    }
}
