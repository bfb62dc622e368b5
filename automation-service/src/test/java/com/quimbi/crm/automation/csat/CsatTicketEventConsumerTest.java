package com.quimbi.crm.automation.csat;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.WireFormat;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.TicketStatus;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which ticket events a survey depends on, from the contracts' golden events: the facts kept, a public agent
 * reply (internal notes and customer messages are none), the solve moment, and a redelivered event ignored.
 */
class CsatTicketEventConsumerTest {

    // as the service configures it: enums by their wire names
    static final JsonMapper JSON = JsonMapper.builder().addModule(WireFormat.module()).build();
    static final UUID TICKET = UUID.fromString("0193a0c4-7a90-7d11-8e2f-3c4b5a697801");

    Inbox inbox = mock(Inbox.class);
    CsatSurveys surveys = mock(CsatSurveys.class);
    CsatTicketEventConsumer consumer = new CsatTicketEventConsumer(new EventReader(JSON), inbox, surveys);

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
    void aNewTicketsChannelStatusAndTagsAreKept() {
        deliver("ticket.created", data -> data.putArray("tags").add("order"));
        verify(surveys).ticketCreated(TICKET, "#1042", null, "email", "new", List.of("order"));
    }

    @Test
    void onlyATagChangeMatters() {
        deliver("ticket.updated", data -> { });
        verify(surveys).tagsChanged(TICKET, List.of("damaged", "vip"));

        deliver("ticket.updated", data -> ((ObjectNode) data.get("changes")).remove("tags"));
        verify(surveys, org.mockito.Mockito.times(1)).tagsChanged(any(), any());
    }

    @Test
    void onlyAPublicAgentReplyCounts() {
        deliver("message.added", data -> { });
        verify(surveys).agentReplied(TICKET, "5b0c2f3e-2d7a-4c1e-9a55-0f6e8d7c1b2a");

        deliver("message.added", data -> data.put("internal", true));
        deliver("message.added", data -> data.put("authorType", "customer").put("direction", "inbound"));
        verify(surveys, org.mockito.Mockito.times(1)).agentReplied(any(), any());
    }

    @Test
    void aStatusChangeAtItsMomentAndADeletion() {
        deliver("ticket.status_changed", data -> data.put("to", "solved"));
        verify(surveys).statusChanged(TICKET, TicketStatus.SOLVED, Instant.parse("2026-11-26T10:00:00.120Z"));

        deliver("ticket.status_changed", data -> data.put("changedAt", "2026-11-27T08:00:00Z"));
        verify(surveys).statusChanged(TICKET, TicketStatus.OPEN, Instant.parse("2026-11-27T08:00:00Z"));

        deliver("ticket.deleted", data -> { });
        verify(surveys).deleted(TICKET);
    }

    @Test
    void aRedeliveredEventIsIgnored() {
        when(inbox.tryMarkProcessed(anyString(), any())).thenReturn(false);

        deliver("ticket.status_changed", data -> data.put("to", "solved"));

        verifyNoInteractions(surveys);
        verify(inbox).tryMarkProcessed(org.mockito.ArgumentMatchers.eq(CsatTicketEventConsumer.GROUP), any());
        verify(surveys, never()).statusChanged(any(), any(), any());
    }
}
