package com.quimbi.crm.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class EventReaderTest {

    final EventReader reader = new EventReader(JsonMapper.builder().build());

    static final String EVENT = """
            {"id":"0193a0c4-7b1e-7c2a-9f41-5d2b8e6a1c01","type":"ticket.created","aggregateType":"ticket",
             "aggregateId":"t-1","occurredAt":"2026-11-26T09:15:00.123Z","schemaVersion":1,
             "actor":{"type":"agent","id":"a-1"},"data":{"ticketId":"0193a0c4-7a90-7d11-8e2f-3c4b5a697801","extra":1}}""";

    record TicketData(UUID ticketId) {
    }

    @Test
    void readsTheEnvelopeAndItsData() {
        var envelope = reader.read(EVENT);

        assertThat(envelope.type()).isEqualTo("ticket.created");
        assertThat(envelope.actor().id()).isEqualTo("a-1");
        assertThat(reader.data(envelope, TicketData.class).ticketId())
                .isEqualTo(UUID.fromString("0193a0c4-7a90-7d11-8e2f-3c4b5a697801"));
    }

    @Test
    void garbageIsMalformedNotRetryable() {
        assertThatThrownBy(() -> reader.read("{not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> reader.read("")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> reader.read("{\"type\":\"ticket.created\"}")).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void dataThatBreaksTheContractIsMalformed() {
        var envelope = reader.read(EVENT.replace("\"0193a0c4-7a90-7d11-8e2f-3c4b5a697801\"", "\"ticket-42\""));

        assertThatThrownBy(() -> reader.data(envelope, TicketData.class)).isInstanceOf(MalformedEventException.class);
    }
}
