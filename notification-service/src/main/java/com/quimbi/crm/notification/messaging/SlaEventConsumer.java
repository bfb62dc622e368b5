package com.quimbi.crm.notification.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaMetric;
import com.quimbi.crm.contracts.sla.SlaWarning;
import com.quimbi.crm.notification.directory.AgentDirectory;
import com.quimbi.crm.notification.directory.TicketDirectory;
import com.quimbi.crm.notification.fanout.FrameBus;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

/**
 * crm.sla.events: {@code sla_warning} and {@code sla_breached} to the ticket's holder and the supervisors of the
 * holder's team (SLA events carry the ticket, not the assignee: the holder comes from the read model). An
 * unassigned ticket's SLA frames go nowhere yet (queue dashboards are part 2).
 */
@Component
class SlaEventConsumer {

    static final String SLA_WARNING = "sla_warning";
    static final String SLA_BREACHED = "sla_breached";

    private final IdempotentConsumer consumer;
    private final TicketDirectory tickets;
    private final AgentDirectory agents;
    private final FrameBus frames;
    private final EventRoutes routes;

    SlaEventConsumer(IdempotentConsumer consumer, TicketDirectory tickets, AgentDirectory agents, FrameBus frames) {
        this.consumer = consumer;
        this.tickets = tickets;
        this.agents = agents;
        this.frames = frames;
        this.routes = EventRoutes.create()
                .on(SlaWarning.class, (envelope, warning) -> send(SLA_WARNING, envelope.id().toString(),
                        warning.ticketId(), warning.metric(), warning.deadline(), warning.threshold()))
                .on(SlaBreached.class, (envelope, breached) -> send(SLA_BREACHED, envelope.id().toString(),
                        breached.ticketId(), breached.metric(), breached.deadline(), null));
    }

    @KafkaListener(topics = Topics.SLA)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void send(String type, String eventId, UUID ticketId, SlaMetric metric, Instant deadline, Integer threshold) {
        TicketDirectory.TicketView ticket = tickets.find(ticketId).orElse(null);
        if (ticket == null || ticket.assigneeId() == null) {
            return;
        }
        List<String> recipients = new ArrayList<>();
        recipients.add(ticket.assigneeId());
        recipients.addAll(agents.supervisorsOf(ticket.assigneeId()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticketId", ticketId.toString());
        fields.put("number", ticket.number());
        fields.put("subject", ticket.subject());
        fields.put("metric", TicketEventConsumer.wire(metric));
        fields.put("deadline", deadline == null ? null : deadline.toString());
        fields.put("threshold", threshold);
        fields.put("assigneeId", ticket.assigneeId());
        fields.put("eventId", eventId);
        frames.send(recipients, type, fields);
    }
}
