package com.quimbi.crm.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentStatusChanged;
import com.quimbi.crm.contracts.agent.AgentUpdated;
import com.quimbi.crm.contracts.assignment.AssignmentAccepted;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.assignment.AssignmentCompleted;
import com.quimbi.crm.contracts.assignment.AssignmentTransferred;
import com.quimbi.crm.contracts.assignment.AssignmentUnassigned;
import com.quimbi.crm.contracts.customer.CustomerCreated;
import com.quimbi.crm.contracts.customer.CustomerMerged;
import com.quimbi.crm.contracts.customer.CustomerRedacted;
import com.quimbi.crm.contracts.customer.CustomerUpdated;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.contracts.integration.CustomerDataRequested;
import com.quimbi.crm.contracts.integration.CustomerRedactionRequested;
import com.quimbi.crm.contracts.integration.CustomerSynced;
import com.quimbi.crm.contracts.integration.MessageDeliveryUpdated;
import com.quimbi.crm.contracts.integration.MessageImported;
import com.quimbi.crm.contracts.integration.OrderSynced;
import com.quimbi.crm.contracts.integration.TicketImported;
import com.quimbi.crm.contracts.integration.TicketStatusSynced;
import com.quimbi.crm.contracts.automation.CsatRated;
import com.quimbi.crm.contracts.automation.MacroApplied;
import com.quimbi.crm.contracts.presence.PresenceConnected;
import com.quimbi.crm.contracts.presence.PresenceDisconnected;
import com.quimbi.crm.contracts.presence.PresenceIdle;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaClockUpdated;
import com.quimbi.crm.contracts.sla.SlaMet;
import com.quimbi.crm.contracts.sla.SlaPaused;
import com.quimbi.crm.contracts.sla.SlaResumed;
import com.quimbi.crm.contracts.sla.SlaWarning;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.MessageUpdated;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.contracts.ticket.TicketUpdated;

/**
 * Every event type and version as a record class. Producers append a record and the outbox reads its type,
 * version and aggregate here; consumers route by record class and the platform finds the type name here. Each
 * record declares {@code TYPE}, {@code VERSION}, {@code TOPIC} and {@code AGGREGATE}; a test checks this list
 * against the schema files, both ways.
 */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = List.<Class<?>>of(
            AgentCreated.class,
            AgentDeactivated.class,
            AgentStatusChanged.class,
            AgentUpdated.class,
            AssignmentAccepted.class,
            AssignmentAssigned.class,
            AssignmentCompleted.class,
            AssignmentTransferred.class,
            AssignmentUnassigned.class,
            CustomerCreated.class,
            CustomerMerged.class,
            CustomerRedacted.class,
            CustomerUpdated.class,
            TicketEnriched.class,
            CustomerSynced.class,
            CustomerRedactionRequested.class,
            CustomerDataRequested.class,
            MessageDeliveryUpdated.class,
            MessageImported.class,
            OrderSynced.class,
            TicketImported.class,
            TicketStatusSynced.class,
            MacroApplied.class,
            CsatRated.class,
            PresenceConnected.class,
            PresenceDisconnected.class,
            PresenceIdle.class,
            SlaBreached.class,
            SlaClockUpdated.class,
            SlaMet.class,
            SlaPaused.class,
            SlaResumed.class,
            SlaWarning.class,
            MessageAdded.class,
            MessageUpdated.class,
            TicketCreated.class,
            TicketDeleted.class,
            TicketStatusChanged.class,
            TicketUpdated.class)
            .stream().<EventType<?>>map(EventCatalog::describe).toList();

    private static final Map<Class<?>, EventType<?>> BY_CLASS = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::data, Function.identity()));
    private static final Map<String, EventType<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::schemaName, Function.identity()));

    private EventCatalog() {
    }

    /** The event type a record class is the {@code data} of; fails for a class that is no contract record. */
    @SuppressWarnings("unchecked")
    public static <T> EventType<T> of(Class<T> data) {
        EventType<?> type = BY_CLASS.get(data);
        if (type == null) {
            throw new IllegalArgumentException(data.getName() + " is not an event contract (see EventCatalog)");
        }
        return (EventType<T>) type;
    }

    /** The event type with that name and schema version, if the contracts know it. */
    public static Optional<EventType<?>> byType(String type, int version) {
        return Optional.ofNullable(BY_TYPE.get(type + ".v" + version));
    }

    private static <T> EventType<T> describe(Class<T> data) {
        try {
            return new EventType<>((String) data.getField("TYPE").get(null), data.getField("VERSION").getInt(null),
                    (String) data.getField("TOPIC").get(null), (String) data.getField("AGGREGATE").get(null), data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(data.getName() + " lacks TYPE, VERSION, TOPIC or AGGREGATE", e);
        }
    }
}
