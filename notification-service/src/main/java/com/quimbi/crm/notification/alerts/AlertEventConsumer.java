package com.quimbi.crm.notification.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentUpdated;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.assignment.AssignmentTransferred;
import com.quimbi.crm.contracts.assignment.AssignmentUnassigned;
import com.quimbi.crm.contracts.customer.CustomerCreated;
import com.quimbi.crm.contracts.customer.CustomerTier;
import com.quimbi.crm.contracts.customer.CustomerUpdated;
import com.quimbi.crm.contracts.enrichment.ChurnRiskLevel;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaMet;
import com.quimbi.crm.contracts.sla.SlaWarning;
import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketPriority;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;
import com.quimbi.crm.notification.alerts.internal.AlertTickets;
import com.quimbi.crm.notification.directory.AgentContacts;
import com.quimbi.crm.notification.rules.EventKind;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.Inbox;

import tools.jackson.databind.JsonNode;

/**
 * The alert side of the events, in a consumer group of its own ({@code <group>-alerts}: the real-time frames and
 * these alerts never wait for each other), with its own inbox rows: keeps the read models alerts show (tickets,
 * customers, agents) and raises alerts:
 * <ul>
 * <li>sla.warning / sla.breached → sla_warning / sla_breach;</li>
 * <li>ticket.created at urgent, or ticket.updated to urgent → urgent_ticket;</li>
 * <li>a VIP customer's ticket (ticket.created) or a high churn risk / VIP (enrichment.ticket_enriched) → vip_customer,
 * once per ticket;</li>
 * <li>message.added, an agent's internal note naming {@code @username} → mention, to that agent;</li>
 * <li>assignment.assigned / transferred → agent_assigned, to the new holder (not when they took it themselves).</li>
 * </ul>
 * It also keeps what the team summaries count: when a ticket was opened, its category, how its SLA clocks ended.
 */
@Component
class AlertEventConsumer {

    private final IdempotentConsumer consumer;
    private final AlertTickets tickets;
    private final AgentContacts agents;
    private final Alerts alerts;
    private final EventRoutes routes;

    AlertEventConsumer(EventReader reader, Inbox inbox, @Value("${spring.kafka.consumer.group-id}-alerts") String group,
            AlertTickets tickets, AgentContacts agents, Alerts alerts) {
        this.consumer = new IdempotentConsumer(reader, inbox, group);
        this.tickets = tickets;
        this.agents = agents;
        this.alerts = alerts;
        this.routes = EventRoutes.create()
                .on(TicketCreated.class, this::onTicketCreated)
                .on(TicketUpdated.class, this::onTicketUpdated)
                .on(TicketStatusChanged.class, changed -> tickets.set(changed.ticketId(), "status", wire(changed.to())))
                .on(TicketDeleted.class, deleted -> tickets.forget(deleted.ticketId()))
                .on(MessageAdded.class, this::onMessageAdded)
                .on(CustomerCreated.class, c -> tickets.customer(c.customerId(), c.name(), c.email(), wire(c.tier())))
                .on(CustomerUpdated.class, this::onCustomerUpdated)
                .on(TicketEnriched.class, this::onEnriched)
                .on(SlaWarning.class, (envelope, warning) -> onSla(envelope, EventKind.SLA_WARNING, warning.ticketId(),
                        wire(warning.metric()), warning.deadline(), warning.threshold() + "% of the target used"))
                .on(SlaBreached.class, (envelope, breached) -> {
                    tickets.slaOutcome(envelope.id(), breached.ticketId(), wire(breached.metric()), "breached",
                            breached.breachedAt() != null ? breached.breachedAt() : envelope.occurredAt());
                    onSla(envelope, EventKind.SLA_BREACH, breached.ticketId(), wire(breached.metric()),
                            breached.deadline(), null);
                })
                // summaries' compliance: a clock met on time (met late was counted when it breached)
                .on(SlaMet.class, (envelope, met) -> {
                    if (!met.breached()) {
                        tickets.slaOutcome(envelope.id(), met.ticketId(), wire(met.metric()), "met",
                                met.metAt() != null ? met.metAt() : envelope.occurredAt());
                    }
                })
                .on(AssignmentAssigned.class, (envelope, assigned) -> onAssigned(envelope, assigned.ticketId(),
                        assigned.assigneeId(), assigned.assignedBy() == null ? null : assigned.assignedBy().id()))
                .on(AssignmentTransferred.class, (envelope, transferred) -> onAssigned(envelope, transferred.ticketId(),
                        transferred.toAgentId(), transferred.fromAgentId()))
                .on(AssignmentUnassigned.class, unassigned -> tickets.set(unassigned.ticketId(), "assignee_id", null))
                .on(AgentCreated.class, a -> agents.put(a.agentId().toString(), a.username(), a.email(),
                        a.firstName() + " " + a.lastName(), wire(a.role()), a.team(), a.active()))
                .on(AgentUpdated.class, a -> agents.put(a.agentId().toString(), a.username(), a.email(),
                        a.firstName() + " " + a.lastName(), wire(a.role()), a.team(), a.active()))
                .on(AgentDeactivated.class, a -> agents.deactivate(a.agentId().toString()));
    }

    @KafkaListener(groupId = "${spring.kafka.consumer.group-id}-alerts", topics = { Topics.TICKET,
            Topics.CUSTOMER, Topics.ENRICHMENT, Topics.SLA, Topics.ASSIGNMENT, Topics.AGENT })
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onTicketCreated(EventEnvelope<JsonNode> envelope, TicketCreated created) {
        AlertTickets.TicketFacts ticket = tickets.opened(created.ticketId(), created.number(), created.subject(),
                wire(created.priority()), wire(created.channel()), wire(created.status()), created.customerId(),
                created.customerEmail(), created.createdAt() != null ? created.createdAt() : envelope.occurredAt());
        if (created.priority() == TicketPriority.URGENT) {
            alerts.raise(EventKind.URGENT_TICKET, envelope.id(), envelope.occurredAt(), ticket, null, null, null, List.of());
        }
        boolean vip = tickets.customer(created.customerId()).map(c -> "vip".equals(c.tier())).orElse(false);
        if (vip) {
            ticket = tickets.set(created.ticketId(), "tier", "vip");
            if (tickets.claimVipAlert(created.ticketId())) {
                alerts.raise(EventKind.VIP_CUSTOMER, envelope.id(), envelope.occurredAt(), ticket, null, null,
                        "VIP customer", List.of());
            }
        }
    }

    private void onTicketUpdated(EventEnvelope<JsonNode> envelope, TicketUpdated updated) {
        Map<String, FieldChange> changes = updated.changes() == null ? Map.of() : updated.changes();
        FieldChange subject = changes.get("subject");
        if (subject != null && subject.value() != null) {
            tickets.set(updated.ticketId(), "subject", String.valueOf(subject.value()));
        }
        FieldChange priority = changes.get("priority");
        if (priority != null && priority.value() != null) {
            String to = String.valueOf(priority.value()).toLowerCase(Locale.ROOT);
            AlertTickets.TicketFacts ticket = tickets.set(updated.ticketId(), "priority", to);
            if ("urgent".equals(to) && !"urgent".equals(String.valueOf(priority.old()).toLowerCase(Locale.ROOT))) {
                alerts.raise(EventKind.URGENT_TICKET, envelope.id(), envelope.occurredAt(), ticket, null, null,
                        "raised to urgent", List.of());
            }
        }
    }

    private void onCustomerUpdated(CustomerUpdated updated) {
        Map<String, FieldChange> changes = updated.changes() == null ? Map.of() : updated.changes();
        for (String field : List.of("name", "email", "tier")) {
            FieldChange change = changes.get(field);
            if (change != null) {
                String value = change.value() == null ? null : String.valueOf(change.value());
                tickets.customerChanged(updated.customerId(), field,
                        value != null && field.equals("tier") ? value.toLowerCase(Locale.ROOT) : value);
            }
        }
    }

    private void onEnriched(EventEnvelope<JsonNode> envelope, TicketEnriched enriched) {
        if (enriched.category() != null) {
            tickets.set(enriched.ticketId(), "category", wire(enriched.category()));
        }
        if (enriched.churnRiskLevel() != null) {
            tickets.set(enriched.ticketId(), "churn_risk", wire(enriched.churnRiskLevel()));
        }
        AlertTickets.TicketFacts ticket = enriched.customerTier() == null ? tickets.find(enriched.ticketId()).orElse(null)
                : tickets.set(enriched.ticketId(), "tier", wire(enriched.customerTier()));
        boolean vip = enriched.customerTier() == CustomerTier.VIP;
        boolean churn = enriched.churnRiskLevel() == ChurnRiskLevel.HIGH;
        if (ticket != null && (vip || churn) && tickets.claimVipAlert(enriched.ticketId())) {
            String why = vip && churn ? "VIP customer at high churn risk" : vip ? "VIP customer"
                    : "high churn risk (" + Math.round(enriched.churnRisk() * 100) + "%)";
            alerts.raise(EventKind.VIP_CUSTOMER, envelope.id(), envelope.occurredAt(), ticket, null, null, why, List.of());
        }
    }

    private void onSla(EventEnvelope<JsonNode> envelope, EventKind kind, UUID ticketId, String metric, Instant deadline,
            String detail) {
        AlertTickets.TicketFacts ticket = deadline == null ? tickets.find(ticketId).orElse(null)
                : tickets.set(ticketId, "sla_deadline", deadline);
        if (ticket == null) {
            ticket = new AlertTickets.TicketFacts(ticketId, null, null, null, null, null, null, null, null, null, null,
                    deadline, false);
        }
        alerts.raise(kind, envelope.id(), envelope.occurredAt(), ticket, metric, deadline, detail, List.of());
    }

    private void onAssigned(EventEnvelope<JsonNode> envelope, UUID ticketId, String assignee, String by) {
        AlertTickets.TicketFacts ticket = tickets.set(ticketId, "assignee_id", assignee);
        if (assignee != null && !assignee.equals(by) && !assignee.equals(envelope.actor() == null ? null : envelope.actor().id())) {
            alerts.raise(EventKind.AGENT_ASSIGNED, envelope.id(), envelope.occurredAt(), ticket, null, null, null,
                    List.of());
        }
    }

    private void onMessageAdded(EventEnvelope<JsonNode> envelope, MessageAdded added) {
        if (!added.internal() || added.authorType() != AuthorType.AGENT) {
            return;
        }
        Set<String> usernames = Mentions.in(added.bodyText());
        if (usernames.isEmpty()) {
            return;
        }
        List<String> mentioned = new ArrayList<>();
        for (AgentContacts.Contact agent : agents.byUsernames(usernames)) {
            if (!agent.agentId().equals(added.authorId())) {
                mentioned.add(agent.agentId());
            }
        }
        if (mentioned.isEmpty()) {
            return;
        }
        AlertTickets.TicketFacts ticket = tickets.find(added.ticketId()).orElse(new AlertTickets.TicketFacts(
                added.ticketId(), added.ticketNumber(), null, null, null, null, null, null, null, null, null, null, false));
        String author = agents.find(added.authorId()).map(AgentContacts.Contact::name).orElse("An agent");
        String body = added.bodyText() == null ? "" : added.bodyText();
        alerts.raise(EventKind.MENTION, envelope.id(), envelope.occurredAt(), ticket, null, null,
                author + ": " + (body.length() > 300 ? body.substring(0, 299) + "…" : body), mentioned);
    }

    static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
