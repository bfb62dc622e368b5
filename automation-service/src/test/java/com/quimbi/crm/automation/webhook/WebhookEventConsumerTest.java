package com.quimbi.crm.automation.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.quimbi.crm.automation.webhook.internal.WebhookStore;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.WireFormat;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fan-out from the contracts' golden events: one delivery per subscribed endpoint with the body receivers
 * get; a status change only when solved, never an internal note, nothing without subscribers.
 */
class WebhookEventConsumerTest {

    // as the service configures it: enums by their wire names
    static final JsonMapper JSON = JsonMapper.builder().addModule(WireFormat.module()).build();
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    Inbox inbox = mock(Inbox.class);
    WebhookStore store = mock(WebhookStore.class);
    WebhookEventConsumer consumer = new WebhookEventConsumer(new EventReader(JSON), inbox, store, JSON,
            Clock.fixed(NOW, ZoneOffset.UTC));
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        when(inbox.tryMarkProcessed(anyString(), any())).thenReturn(true);
        when(store.subscribers(anyString())).thenReturn(List.of());
    }

    UUID deliver(String type, Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden(type, 1));
        UUID id = UUID.randomUUID();
        event.put("id", id.toString());
        change.accept((ObjectNode) event.get("data"));
        consumer.on(new ConsumerRecord<>("topic", 0, 0, "key", event.toString()));
        return id;
    }

    @Test
    void eachSubscriberGetsOneDeliveryWithTheEventsIdNameMomentAndData() {
        when(store.subscribers("ticket.created")).thenReturn(List.of(first, second));

        UUID eventId = deliver("ticket.created", data -> { });

        ArgumentCaptor<String> payload = ArgumentCaptor.forClass(String.class);
        verify(store).enqueue(any(), eq(first), eq(eventId), eq("ticket.created"), payload.capture(), eq(NOW));
        verify(store).enqueue(any(), eq(second), eq(eventId), eq("ticket.created"), eq(payload.getValue()), eq(NOW));
        JsonNode body = JSON.readTree(payload.getValue());
        assertThat(body.path("id").asString()).isEqualTo(eventId.toString());
        assertThat(body.path("type").asString()).isEqualTo("ticket.created");
        assertThat(body.path("occurredAt").asString()).isEqualTo("2026-11-26T09:15:00.123Z");
        assertThat(body.path("data").path("number").asString()).isEqualTo("#1042");
    }

    @Test
    void aStatusChangeIsSentOnlyAsTicketSolved() {
        when(store.subscribers("ticket.solved")).thenReturn(List.of(first));

        deliver("ticket.status_changed", data -> { });
        verify(store, never()).enqueue(any(), any(), any(), any(), any(), any());

        UUID solved = deliver("ticket.status_changed", data -> data.put("from", "open").put("to", "solved"));
        verify(store).enqueue(any(), eq(first), eq(solved), eq("ticket.solved"), anyString(), eq(NOW));
    }

    @Test
    void anInternalNoteIsNeverSent() {
        when(store.subscribers("message.added")).thenReturn(List.of(first));

        deliver("message.added", data -> data.put("internal", true));
        verify(store, never()).enqueue(any(), any(), any(), any(), any(), any());

        UUID reply = deliver("message.added", data -> { });
        verify(store).enqueue(any(), eq(first), eq(reply), eq("message.added"), anyString(), eq(NOW));
    }

    @Test
    void updatesBreachesAndRatingsGoToTheirSubscribers() {
        when(store.subscribers("ticket.updated")).thenReturn(List.of(first));
        when(store.subscribers("sla.breached")).thenReturn(List.of(first));
        when(store.subscribers("csat.rated")).thenReturn(List.of(second));

        UUID updated = deliver("ticket.updated", data -> { });
        UUID breached = deliver("sla.breached", data -> { });
        UUID rated = deliver("csat.rated", data -> { });

        verify(store).enqueue(any(), eq(first), eq(updated), eq("ticket.updated"), anyString(), eq(NOW));
        verify(store).enqueue(any(), eq(first), eq(breached), eq("sla.breached"), anyString(), eq(NOW));
        verify(store).enqueue(any(), eq(second), eq(rated), eq("csat.rated"), anyString(), eq(NOW));
    }

    @Test
    void withoutSubscribersNothingIsQueued() {
        deliver("ticket.created", data -> { });

        verify(store).subscribers("ticket.created");
        verify(store, never()).enqueue(any(), any(), any(), any(), any(), any());
    }
}
