package com.quimbi.crm.notification.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.alerts.internal.AlertTickets;
import com.quimbi.crm.notification.config.AlertProperties;
import com.quimbi.crm.notification.delivery.DeliveryService;
import com.quimbi.crm.notification.directory.AgentContacts;
import com.quimbi.crm.notification.rules.AlertItem;
import com.quimbi.crm.notification.rules.Destination;
import com.quimbi.crm.notification.rules.EventKind;
import com.quimbi.crm.notification.rules.NotificationRule;
import com.quimbi.crm.notification.rules.RuleService;

/**
 * Raises an alert: builds the item from the read models (ticket, customer, holder), and queues it for every
 * destination of every enabled rule of its kind whose filters match. Personal destinations (Slack DM, WebSocket,
 * e-mail without an address) go to the event's agents: the mentioned agents for a mention, else the ticket's holder
 * (none for an unassigned ticket).
 */
@Component
class Alerts {

    private final RuleService rules;
    private final DeliveryService deliveries;
    private final AgentContacts agents;
    private final AlertTickets tickets;
    private final AlertProperties properties;
    private final Clock clock;

    Alerts(RuleService rules, DeliveryService deliveries, AgentContacts agents, AlertTickets tickets,
            AlertProperties properties, Clock clock) {
        this.rules = rules;
        this.deliveries = deliveries;
        this.agents = agents;
        this.tickets = tickets;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Raises the alert unless its event is older than crm.alerts.max-event-age: the alert group's first start reads
     * the topics from the beginning, and a breach of last month is history, not an alert (the read models still learn
     * from it).
     */
    void raise(EventKind kind, UUID eventId, Instant occurredAt, AlertTickets.TicketFacts ticket, String metric,
            Instant deadline, String detail, List<String> mentioned) {
        if (occurredAt != null && occurredAt.isBefore(clock.instant().minus(properties.maxEventAge()))) {
            return;
        }
        List<NotificationRule> matching = rules.enabledFor(kind);
        if (matching.isEmpty()) {
            return;
        }
        AlertItem item = item(kind, eventId, occurredAt, ticket, metric, deadline, detail);
        Set<String> personal = new LinkedHashSet<>();
        if (kind == EventKind.MENTION) {
            personal.addAll(mentioned);
        } else if (ticket.assigneeId() != null) {
            personal.add(ticket.assigneeId());
        }
        for (NotificationRule rule : matching) {
            if (!rule.filters().matches(item)) {
                continue;
            }
            for (Destination destination : rule.destinations()) {
                for (String target : targets(destination, personal)) {
                    deliveries.enqueue(rule.id(), item, destination.type(), target);
                }
            }
        }
    }

    private List<String> targets(Destination destination, Set<String> personal) {
        return switch (destination.type()) {
            case SLACK_CHANNEL -> List.of(destination.channel());
            case EMAIL -> destination.address() != null ? List.of(destination.address())
                    : personal.stream().map(agents::find).flatMap(Optional::stream).filter(AgentContacts.Contact::active)
                            .map(AgentContacts.Contact::email).filter(e -> e != null && !e.isBlank()).toList();
            case SLACK_DM, WEBSOCKET -> new ArrayList<>(personal);
        };
    }

    private AlertItem item(EventKind kind, UUID eventId, Instant occurredAt, AlertTickets.TicketFacts ticket, String metric,
            Instant deadline, String detail) {
        Optional<AlertTickets.CustomerFacts> customer = tickets.customer(ticket.customerId());
        String customerName = customer.map(AlertTickets.CustomerFacts::name).filter(n -> !n.isBlank())
                .or(() -> customer.map(AlertTickets.CustomerFacts::email))
                .orElse(ticket.customerEmail());
        String tier = ticket.tier() != null ? ticket.tier() : customer.map(AlertTickets.CustomerFacts::tier).orElse(null);
        Optional<AgentContacts.Contact> holder = ticket.assigneeId() == null ? Optional.empty() : agents.find(ticket.assigneeId());
        return new AlertItem(eventId, kind, ticket.ticketId(), ticket.number(), ticket.subject(), ticket.priority(),
                ticket.channel(), customerName, tier, ticket.churnRisk(), metric,
                deadline != null ? deadline : ticket.slaDeadline(), ticket.assigneeId(),
                holder.map(AgentContacts.Contact::name).orElse(null), holder.map(AgentContacts.Contact::team).orElse(null),
                detail, occurredAt, ticket.ticketId() == null ? null : properties.ticketLink(ticket.ticketId()));
    }
}
