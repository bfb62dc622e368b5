package com.quimbi.crm.automation.messaging;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.automation.eventrules.EventRuleEngine;
import com.quimbi.crm.automation.planning.DuePlanner;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.WireFormat;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.platform.messaging.Inbox;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the time-rule planner and the event-rule engine are told of each ticket event (the contracts' golden
 * events): the new values of a change, the moment it happened, and only a customer's public message as one.
 */
class TicketEventConsumerTest {

    // as the service configures it: enums by their wire names
    static final JsonMapper JSON = JsonMapper.builder().addModule(WireFormat.module()).build();
    static final UUID TICKET = UUID.fromString("0193a0c4-7a90-7d11-8e2f-3c4b5a697801");

    Inbox inbox = mock(Inbox.class);
    DuePlanner planner = mock(DuePlanner.class);
    EventRuleEngine engine = mock(EventRuleEngine.class);
    TicketEventConsumer consumer = new TicketEventConsumer(new IdempotentConsumer(new EventReader(JSON), inbox, "test"),
            planner, engine);

    @BeforeEach
    void firstDelivery() {
        when(inbox.tryMarkProcessed(anyString(), any())).thenReturn(true);
    }

    void deliver(String type, Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden(type, 1));
        event.put("id", UUID.randomUUID().toString());
        change.accept((ObjectNode) event.get("data"));
        consumer.on(new ConsumerRecord<>(Topics.TICKET, 0, 0, TICKET.toString(), event.toString()));
    }

    @Test
    void aNewTicketIsPlannedAndEvaluatedAtItsCreation() {
        Instant created = Instant.parse("2026-11-26T09:15:00.120Z");

        deliver("ticket.created", data -> data.putArray("tags").add("damaged"));

        verify(planner).ticketCreated(TICKET, "new", "high", List.of("damaged"), created);
        verify(engine).ticketCreated(TICKET, "email", null, "Order #5521 arrived damaged",
                "The box was crushed and the mug is broken. I need a replacement before Friday.", null,
                "maria.lopez@example.com", created);

        deliver("ticket.created", data -> data.remove("tags"));
        verify(planner).ticketCreated(TICKET, "new", "high", List.of(), created);
    }

    @Test
    void aChangeOfPriorityOrTagsReplansAndEveryChangeIsEvaluatedWithItsNewValues() {
        Instant updated = Instant.parse("2026-11-26T10:00:00.120Z");

        deliver("ticket.updated", data -> { });
        verify(planner).attributesChanged(TICKET, Optional.of("high"), Optional.of(List.of("damaged", "vip")));
        verify(engine).ticketUpdated(TICKET, Map.of("priority", "high", "tags", List.of("damaged", "vip")), updated);

        deliver("ticket.updated", data -> data.putObject("changes").putObject("category").put("new", "Returns"));
        verify(planner, org.mockito.Mockito.times(1)).attributesChanged(any(), any(), any());
        verify(engine).ticketUpdated(TICKET, Map.of("category", "Returns"), updated);

        deliver("ticket.updated", data -> data.putObject("changes").putObject("tags").put("new", "not-a-list"));
        verify(planner).attributesChanged(TICKET, Optional.empty(), Optional.of(List.of()));
    }

    @Test
    void aStatusChangeReplansAndIsEvaluatedAsAnUpdate() {
        Instant changed = Instant.parse("2026-11-26T10:00:00.120Z");

        deliver("ticket.status_changed", data -> data.put("to", "pending"));

        verify(planner).statusChanged(TICKET, "pending", changed);
        verify(engine).ticketUpdated(TICKET, Map.of(), changed);
    }

    @Test
    void onlyACustomersPublicMessageIsOne() {
        deliver("message.added", data -> { });
        deliver("message.added", data -> data.put("authorType", "customer").put("internal", true));
        verify(engine, never()).customerMessage(any(), any(), any());

        deliver("message.added", data -> data.put("authorType", "customer").put("bodyText", "Where is it?"));
        verify(engine).customerMessage(TICKET, "Where is it?", Instant.parse("2026-11-26T10:00:00.120Z"));
    }

    @Test
    void aDeletedTicketIsUnplanned() {
        deliver("ticket.deleted", data -> { });
        verify(planner).deleted(TICKET);
    }
}
