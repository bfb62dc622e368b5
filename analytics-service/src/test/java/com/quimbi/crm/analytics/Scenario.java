package com.quimbi.crm.analytics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.assignment.AssignmentCompleted;
import com.quimbi.crm.contracts.assignment.AssignmentTransferred;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.contracts.presence.PresenceConnected;
import com.quimbi.crm.contracts.presence.PresenceDisconnected;
import com.quimbi.crm.contracts.sla.SlaMet;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One ticket's life across every topic, built from the golden events with fresh ids and a hand-made timeline
 * (minutes after {@link #T0}): agent A answers first and writes a note, the customer writes again, A transfers to
 * B, B answers and solves; A was online for 8 hours; the first response SLA was met.
 */
public final class Scenario {

    public static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    public record Delivery(String topic, String key, String type, String value) {
    }

    public final UUID ticketId = UUID.randomUUID();
    public final UUID customerId = UUID.randomUUID();
    public final String agentA = UUID.randomUUID().toString();
    public final String agentB = UUID.randomUUID().toString();
    public final String team = "it-team-" + UUID.randomUUID().toString().substring(0, 8);
    public final List<Delivery> events = new ArrayList<>();

    public Scenario() {
        agent(agentA);
        agent(agentB);
        add(Topics.PRESENCE, agentA, PresenceConnected.TYPE, null, d -> {
            d.put("agentId", agentA);
            d.put("at", at(0));
        });
        String key = ticketId.toString();
        add(Topics.TICKET, key, TicketCreated.TYPE, null, d -> {
            d.put("ticketId", key);
            d.put("status", "new");
            d.put("customerId", customerId.toString());
            d.put("createdAt", at(1));
        });
        add(Topics.ENRICHMENT, key, TicketEnriched.TYPE, null, d -> {
            d.put("ticketId", key);
            d.put("category", "billing");
            d.put("churnRisk", 0.9);
            d.put("churnRiskLevel", "high");
            d.put("customerTier", "vip");
            d.put("enrichedAt", at(1) .replace("00.000Z", "05.000Z"));
        });
        add(Topics.ASSIGNMENT, key, AssignmentAssigned.TYPE, null, d -> {
            d.put("ticketId", key);
            d.put("assigneeId", agentA);
            d.put("assignedAt", at(2));
        });
        message(agentA, "agent", false, 10);
        add(Topics.SLA, key, SlaMet.TYPE, null, d -> {
            d.put("ticketId", key);
            d.put("metric", "first_response");
            d.put("metAt", at(10));
            d.put("breached", false);
            d.put("clockId", UUID.randomUUID().toString());
        });
        message(agentA, "agent", true, 11);
        message(null, "customer", false, 20);
        add(Topics.ASSIGNMENT, key, AssignmentTransferred.TYPE, agentA, d -> {
            d.put("ticketId", key);
            d.put("fromAgentId", agentA);
            d.put("toAgentId", agentB);
            d.put("transferredAt", at(30));
        });
        add(Topics.ASSIGNMENT, key, AssignmentAssigned.TYPE, agentA, d -> {
            d.put("ticketId", key);
            d.put("assigneeId", agentB);
            d.put("reason", "transfer");
            d.put("previousAssigneeId", agentA);
            d.put("assignedAt", at(30));
        });
        message(agentB, "agent", false, 40);
        add(Topics.TICKET, key, TicketStatusChanged.TYPE, agentB, d -> {
            d.put("ticketId", key);
            d.put("from", "new");
            d.put("to", "solved");
            d.put("reason", "agent");
            d.put("changedAt", at(45));
        });
        add(Topics.ASSIGNMENT, key, AssignmentCompleted.TYPE, agentB, d -> {
            d.put("ticketId", key);
            d.put("agentId", agentB);
            d.put("completedAt", at(45));
        });
        add(Topics.PRESENCE, agentA, PresenceDisconnected.TYPE, null, d -> {
            d.put("agentId", agentA);
            d.put("at", at(8 * 60));
        });
    }

    public static String at(int minutes) {
        return T0.plusSeconds(minutes * 60L).toString().replace("Z", ".000Z");
    }

    private void agent(String agentId) {
        add(Topics.AGENT, agentId, AgentCreated.TYPE, null, d -> {
            d.put("agentId", agentId);
            d.put("team", team);
            d.put("updatedAt", at(0));
        });
    }

    private void message(String author, String authorType, boolean internal, int minute) {
        add(Topics.TICKET, ticketId.toString(), MessageAdded.TYPE, author, d -> {
            d.put("messageId", UUID.randomUUID().toString());
            d.put("ticketId", ticketId.toString());
            d.put("customerId", customerId.toString());
            d.put("authorType", authorType);
            if (author == null) {
                d.remove("authorId");
            } else {
                d.put("authorId", author);
            }
            d.put("direction", internal ? "internal" : "agent".equals(authorType) ? "outbound" : "inbound");
            d.put("internal", internal);
            d.put("createdAt", at(minute));
        });
    }

    private void add(String topic, String key, String type, String actorAgent, Consumer<ObjectNode> data) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden(type, 1));
        event.put("id", UUID.randomUUID().toString());
        event.put("aggregateId", key);
        if (actorAgent != null) {
            event.putObject("actor").put("type", "agent").put("id", actorAgent);
        } else {
            event.putObject("actor").put("type", "system");
        }
        data.accept((ObjectNode) event.get("data"));
        events.add(new Delivery(topic, key, type, JSON.writeValueAsString(event)));
    }

    /** In order, each once. */
    public void deliver() {
        events.forEach(Scenario::send);
    }

    /**
     * Twice each, interleaved across topics at random (Kafka keeps the order of one key on one topic only, so that
     * order is kept): an assignment may come before its ticket, a transfer before the reply it follows.
     */
    public void deliverShuffledTwice(long seed) {
        Map<String, Deque<Delivery>> streams = new LinkedHashMap<>();
        for (Delivery delivery : events) {
            Deque<Delivery> stream = streams.computeIfAbsent(delivery.topic() + "/" + delivery.key(),
                    k -> new ArrayDeque<>());
            stream.add(delivery);
            stream.add(delivery);
        }
        Random random = new Random(seed);
        List<Deque<Delivery>> open = new ArrayList<>(streams.values());
        while (!open.isEmpty()) {
            Deque<Delivery> stream = open.get(random.nextInt(open.size()));
            send(stream.poll());
            if (stream.isEmpty()) {
                open.remove(stream);
            }
        }
    }

    public static void send(Delivery delivery) {
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), delivery.topic(), delivery.key(),
                delivery.value(), Map.of("eventType", delivery.type()));
    }
}
