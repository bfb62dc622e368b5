package com.quimbi.crm.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.EventCatalog;
import com.quimbi.crm.contracts.EventContracts;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MaximalEventsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyEventTypeHasAValidMaximalExample() {
        EventCatalog.ALL.forEach(type -> assertThat(EventContracts.violations(MaximalEvents.of(type.type())))
                .as(type.type()).isEmpty());
    }

    @Test
    void freeTextIsStretchedToItsMaximumAndFormattedStringsAreKept() {
        JsonNode data = json.readTree(MaximalEvents.of("ticket.created")).get("data");
        JsonNode golden = json.readTree(EventContracts.golden("ticket.created", 1)).get("data");

        assertThat(data.get("subject").asString()).hasSize(300).startsWith(golden.get("subject").asString());
        assertThat(data.get("customerEmail").asString()).isEqualTo(golden.get("customerEmail").asString());
        assertThat(data.get("ticketId").asString()).isEqualTo(golden.get("ticketId").asString());
    }

    @Test
    void eachCallIsANewEvent() {
        assertThat(json.readTree(MaximalEvents.of("sla.breached")).get("id"))
                .isNotEqualTo(json.readTree(MaximalEvents.of("sla.breached")).get("id"));
    }
}
