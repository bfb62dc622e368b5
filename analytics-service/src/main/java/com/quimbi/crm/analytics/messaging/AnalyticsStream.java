package com.quimbi.crm.analytics.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.analytics.fact.AgentDelta;
import com.quimbi.crm.analytics.fact.AgentMetric;
import com.quimbi.crm.analytics.fact.DaySplit;
import com.quimbi.crm.analytics.fact.Facts;
import com.quimbi.crm.analytics.fact.TicketTimeline;
import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentUpdated;
import com.quimbi.crm.contracts.assignment.AssignmentAccepted;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.assignment.AssignmentReason;
import com.quimbi.crm.contracts.assignment.AssignmentCompleted;
import com.quimbi.crm.contracts.assignment.AssignmentTransferred;
import com.quimbi.crm.contracts.assignment.AssignmentUnassigned;
import com.quimbi.crm.contracts.customer.CustomerCreated;
import com.quimbi.crm.contracts.customer.CustomerMerged;
import com.quimbi.crm.contracts.customer.CustomerUpdated;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.contracts.presence.PresenceConnected;
import com.quimbi.crm.contracts.presence.PresenceDisconnected;
import com.quimbi.crm.contracts.presence.PresenceIdle;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaMet;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;

import tools.jackson.databind.JsonNode;

/**
 * What analytics takes from each topic, once for the live listeners and the rebuild: {@link #handle} records the
 * event id in the inbox and applies it to the facts, in the caller's transaction.
 */
@Component
public class AnalyticsStream {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsStream.class);

    /** The topics analytics reads (crm.integration.events is not one: see the README). */
    public static final List<String> TOPICS = List.of(Topics.TICKET, Topics.ASSIGNMENT, Topics.SLA,
            Topics.PRESENCE, Topics.ENRICHMENT, Topics.AGENT, Topics.CUSTOMER);

    private final IdempotentConsumer consumer;
    private final Facts facts;
    private final Map<String, EventRoutes> routes = new LinkedHashMap<>();

    AnalyticsStream(IdempotentConsumer consumer, Facts facts) {
        this.consumer = consumer;
        this.facts = facts;
        routes.put(Topics.TICKET, EventRoutes.create()
                .on(TicketCreated.class, this::onTicketCreated)
                .on(TicketStatusChanged.class, this::onTicketStatusChanged)
                .on(TicketUpdated.class, this::onTicketUpdated)
                .on(TicketDeleted.class, this::onTicketDeleted)
                .on(MessageAdded.class, this::onMessageAdded));
        routes.put(Topics.ASSIGNMENT, EventRoutes.create()
                .on(AssignmentAssigned.class, this::onAssigned)
                .on(AssignmentAccepted.class, this::onAccepted)
                .on(AssignmentTransferred.class, this::onTransferred)
                .on(AssignmentUnassigned.class, this::onUnassigned)
                .on(AssignmentCompleted.class, this::onCompleted));
        routes.put(Topics.SLA, EventRoutes.create()
                .on(SlaMet.class, met -> facts.slaOutcome(met.ticketId(), Facts.wire(met.metric()), met.clockId(),
                        met.policyId(), met.deadline(), met.metAt(), null, met.breached()))
                .on(SlaBreached.class, breached -> facts.slaOutcome(breached.ticketId(), Facts.wire(breached.metric()),
                        breached.clockId(), breached.policyId(), breached.deadline(), null, breached.breachedAt(), true)));
        routes.put(Topics.PRESENCE, EventRoutes.create()
                .on(PresenceConnected.class, connected -> facts.presenceOnline(connected.agentId().toString(),
                        connected.at()))
                .on(PresenceIdle.class, (envelope, idle) -> facts.presenceOffline(envelope.id(),
                        idle.agentId().toString(), idle.at()))
                .on(PresenceDisconnected.class, (envelope, gone) -> facts.presenceOffline(envelope.id(),
                        gone.agentId().toString(), gone.at())));
        routes.put(Topics.ENRICHMENT, EventRoutes.create()
                .on(TicketEnriched.class, e -> facts.enrichment(e.ticketId(), Facts.wire(e.category()),
                        Facts.wire(e.sentiment()), e.churnRisk(), Facts.wire(e.churnRiskLevel()),
                        Facts.wire(e.customerTier()), e.enrichedAt())));
        routes.put(Topics.AGENT, EventRoutes.create()
                .on(AgentCreated.class, a -> facts.agent(a.agentId().toString(), a.firstName() + " " + a.lastName(),
                        a.team(), a.department(), Facts.wire(a.role()), a.skills(), a.active(), a.updatedAt()))
                .on(AgentUpdated.class, a -> facts.agent(a.agentId().toString(), a.firstName() + " " + a.lastName(),
                        a.team(), a.department(), Facts.wire(a.role()), a.skills(), a.active(), a.updatedAt()))
                .on(AgentDeactivated.class, a -> facts.agentDeactivated(a.agentId().toString(), a.deactivatedAt())));
        routes.put(Topics.CUSTOMER, EventRoutes.create()
                .on(CustomerCreated.class, c -> facts.customerTier(c.customerId(), Facts.wire(c.tier()), c.createdAt()))
                .on(CustomerUpdated.class, this::onCustomerUpdated)
                .on(CustomerMerged.class, m -> facts.customerMerged(m.sourceCustomerId(), m.customerId(), m.mergedAt())));
    }

    /** Applies one record of one of {@link #TOPICS}; needs the caller's transaction (inbox + facts together). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void handle(ConsumerRecord<String, String> record) {
        EventRoutes topicRoutes = routes.get(record.topic());
        if (topicRoutes == null) {
            throw new IllegalArgumentException("analytics does not read " + record.topic());
        }
        consumer.handle(record, topicRoutes);
    }

    // ------------------------------------------------------------ crm.ticket.events

    void onTicketCreated(TicketCreated ticket) {
        // logged inside the listener's observation: the line carries the producer's trace id (e2e EventStreamIT reads it)
        log.info("Counting ticket {} ({}, {})", ticket.ticketId(), ticket.status(), ticket.channel());
        TicketTimeline timeline = facts.ticket(ticket.ticketId());
        timeline.created(Facts.wire(ticket.status()), Facts.wire(ticket.priority()), Facts.wire(ticket.channel()),
                facts.currentCustomer(ticket.customerId()), ticket.createdAt());
        facts.save(timeline);
    }

    void onTicketStatusChanged(EventEnvelope<JsonNode> envelope, TicketStatusChanged changed) {
        TicketTimeline timeline = facts.ticket(changed.ticketId());
        String actor = "agent".equals(envelope.actorOrSystem().type()) ? envelope.actorOrSystem().id() : null;
        TicketTimeline.Change change = timeline.statusChanged(Facts.wire(changed.to()), changed.changedAt(), actor);
        facts.save(timeline);
        facts.statusInterval(envelope.id(), changed.ticketId(), change.closed());
        facts.add(change.deltas());
    }

    void onTicketUpdated(TicketUpdated updated) {
        FieldChange priority = updated.changes() == null ? null : updated.changes().get("priority");
        if (priority == null || priority.value() == null) {
            return;
        }
        TicketTimeline timeline = facts.ticket(updated.ticketId());
        timeline.priorityChanged(String.valueOf(priority.value()), updated.updatedAt());
        facts.save(timeline);
    }

    void onTicketDeleted(TicketDeleted deleted) {
        TicketTimeline timeline = facts.ticket(deleted.ticketId());
        timeline.deleted(deleted.deletedAt());
        facts.save(timeline);
    }

    void onMessageAdded(MessageAdded message) {
        String authorType = Facts.wire(message.authorType());
        facts.message(message.messageId(), message.ticketId(), authorType, message.authorId(),
                Facts.wire(message.direction()), message.internal(), message.createdAt());
        TicketTimeline timeline = facts.ticket(message.ticketId());
        facts.add(timeline.message(authorType, message.authorId(), message.internal(), message.createdAt()));
        facts.save(timeline);
    }

    // ------------------------------------------------------------ crm.assignment.events

    void onAssigned(EventEnvelope<JsonNode> envelope, AssignmentAssigned assigned) {
        facts.assignment(envelope.id(), assigned.ticketId(), "assigned", assigned.assigneeId(),
                assigned.previousAssigneeId(), assigned.assignedAt());
        // a transfer publishes assignment.transferred and then assignment.assigned (reason transfer): counted once,
        // as a transfer in
        if (assigned.reason() != AssignmentReason.TRANSFER) {
            facts.add(List.of(new AgentDelta(assigned.assigneeId(), DaySplit.day(assigned.assignedAt()),
                    AgentMetric.TICKETS_ASSIGNED, 1)));
        }
        facts.hold(assigned.ticketId(), assigned.assigneeId(), assigned.assignedAt());
    }

    void onAccepted(EventEnvelope<JsonNode> envelope, AssignmentAccepted accepted) {
        facts.assignment(envelope.id(), accepted.ticketId(), "accepted", accepted.agentId(), null,
                accepted.acceptedAt());
    }

    void onTransferred(EventEnvelope<JsonNode> envelope, AssignmentTransferred transferred) {
        Instant at = transferred.transferredAt();
        facts.assignment(envelope.id(), transferred.ticketId(), "transferred", transferred.toAgentId(),
                transferred.fromAgentId(), at);
        var day = DaySplit.day(at);
        facts.add(List.of(
                new AgentDelta(transferred.fromAgentId(), day,
                        AgentMetric.TRANSFERS_OUT, 1),
                new AgentDelta(transferred.toAgentId(), day,
                        AgentMetric.TRANSFERS_IN, 1)));
        facts.hold(transferred.ticketId(), transferred.toAgentId(), at);
    }

    void onUnassigned(EventEnvelope<JsonNode> envelope, AssignmentUnassigned unassigned) {
        facts.assignment(envelope.id(), unassigned.ticketId(), "unassigned", null, unassigned.previousAssigneeId(),
                unassigned.unassignedAt());
        facts.hold(unassigned.ticketId(), null, unassigned.unassignedAt());
    }

    void onCompleted(EventEnvelope<JsonNode> envelope, AssignmentCompleted completed) {
        facts.assignment(envelope.id(), completed.ticketId(), "completed", completed.agentId(), null,
                completed.completedAt());
        facts.hold(completed.ticketId(), null, completed.completedAt());
    }

    // ------------------------------------------------------------ crm.customer.events

    void onCustomerUpdated(CustomerUpdated updated) {
        FieldChange tier = updated.changes() == null ? null : updated.changes().get("tier");
        if (tier == null) {
            return;
        }
        facts.customerTier(updated.customerId(), tier.value() == null ? null : String.valueOf(tier.value()),
                updated.updatedAt());
    }

}
