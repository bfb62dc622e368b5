package com.quimbi.crm.bench;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.sla.SlaMet;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;

/**
 * Contract events (the envelope and payloads of contracts' golden examples) for the analytics benches, produced
 * straight to the topics.
 */
final class AnalyticsEvents {

    static final int EVENTS_PER_LIFE = 5;

    record Event(String topic, String key, String type, String json) {
    }

    private AnalyticsEvents() {
    }

    /** Created, assigned to {@code agent}, answered by them 10 minutes later, solved after an hour, first reply SLA met. */
    static List<Event> life(UUID ticket, String agent, int n, Instant created) {
        String t = ticket.toString();
        Instant assigned = created.plusSeconds(5);
        Instant replied = created.plusSeconds(600);
        Instant solved = created.plusSeconds(3600);
        return List.of(
                new Event(TicketCreated.TOPIC, t, TicketCreated.TYPE, envelope(TicketCreated.TYPE, "ticket", t, created, """
                        {"ticketId":"%s","number":"#%d","subject":"Where is my order?","description":"Still waiting.",
                         "status":"new","priority":"normal","channel":"email","customerEmail":"bench-%d@example.com",
                         "customerId":"%s","createdAt":"%s"}""".formatted(t, 100000 + n, n % 5000,
                        new UUID(0x4000L, n % 5000), created))),
                new Event(AssignmentAssigned.TOPIC, t, AssignmentAssigned.TYPE, envelope(AssignmentAssigned.TYPE,
                        "assignment", t, assigned, """
                        {"ticketId":"%s","assignmentId":"%s","assigneeId":"%s","assignedBy":{"type":"system"},
                         "reason":"auto","assignedAt":"%s","score":50.0,"forced":false}""".formatted(t, UUID.randomUUID(),
                        agent, assigned))),
                agentReply(ticket, agent, replied),
                new Event(TicketStatusChanged.TOPIC, t, TicketStatusChanged.TYPE, envelope(TicketStatusChanged.TYPE,
                        "ticket", t, solved, """
                        {"ticketId":"%s","number":"#%d","from":"new","to":"solved","reason":"agent","changedAt":"%s"}"""
                        .formatted(t, 100000 + n, solved))),
                new Event(SlaMet.TOPIC, t, SlaMet.TYPE, envelope(SlaMet.TYPE, "sla", t, replied, """
                        {"ticketId":"%s","metric":"first_response","deadline":"%s","metAt":"%s","breached":false,
                         "policyId":"0193a0c4-0000-7000-8000-00000000a003","clockId":"%s"}""".formatted(t,
                        created.plusSeconds(4 * 3600), replied, UUID.randomUUID()))));
    }

    /** A public reply by {@code agent} on {@code ticket} (counted in the agent's messages sent). */
    static Event agentReply(UUID ticket, String agent, Instant at) {
        String t = ticket.toString();
        return new Event(MessageAdded.TOPIC, t, MessageAdded.TYPE, envelope(MessageAdded.TYPE, "ticket", t, at, """
                {"messageId":"%s","ticketId":"%s","ticketNumber":"#1","authorType":"agent","authorId":"%s",
                 "direction":"outbound","channel":"email","internal":false,"attachmentCount":0,
                 "deliveryStatus":"queued","bodyText":"On its way.","bodyTruncated":false,"createdAt":"%s",
                 "attachments":[]}""".formatted(UUID.randomUUID(), t, agent, at)));
    }

    static String envelope(String type, String aggregateType, String aggregateId, Instant at, String data) {
        return """
                {"id":"%s","type":"%s","aggregateType":"%s","aggregateId":"%s","occurredAt":"%s","schemaVersion":1,
                 "actor":{"type":"system"},"data":%s}""".formatted(UUID.randomUUID(), type, aggregateType, aggregateId,
                at, data);
    }
}
