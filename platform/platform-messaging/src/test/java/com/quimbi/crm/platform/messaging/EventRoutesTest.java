package com.quimbi.crm.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.WireFormat;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketDeleted;
import com.quimbi.crm.contracts.ticket.TicketPriority;
import com.quimbi.crm.platform.event.EventEnvelope;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventRoutesTest {

    // a strict mapper, as services configure theirs for request bodies: events must still be read leniently
    final EventReader reader = new EventReader(JsonMapper.builder().addModule(WireFormat.module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    final List<Object> handled = new ArrayList<>();

    final EventRoutes routes = EventRoutes.create()
            .on(TicketCreated.class, created -> handled.add(created))
            .on(TicketDeleted.class, (envelope, deleted) -> handled.add(envelope.id()));

    @Test
    void aTypedRouteGetsTheContractRecord() {
        deliver(EventContracts.golden("ticket.created", 1));

        assertThat(handled).singleElement().isInstanceOfSatisfying(TicketCreated.class,
                created -> assertThat(created.priority()).isEqualTo(TicketPriority.HIGH));
    }

    @Test
    void theEnvelopeIsThereForHandlersThatWantIt() {
        EventEnvelope<JsonNode> event = reader.read(EventContracts.golden("ticket.deleted", 1));
        routes.route(event).orElseThrow().deliver(reader, event);

        assertThat(handled).containsExactly(event.id());
    }

    @Test
    void propertiesTheConsumerDoesNotKnowYetAreIgnored() {
        deliver(EventContracts.golden("ticket.created", 1).replace("\"priority\"", "\"sentimentHint\": \"calm\", \"priority\""));

        assertThat(handled).hasSize(1);
    }

    @Test
    void dataBreakingItsSchemaIsMalformedAndNamesTheViolations() {
        String broken = EventContracts.golden("ticket.created", 1).replace("\"high\"", "\"whenever\"");

        assertThatThrownBy(() -> deliver(broken)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ticket.created v1").hasMessageContaining("priority");
        assertThat(handled).isEmpty();
    }

    @Test
    void aMissingRequiredFieldIsMalformed() {
        String broken = EventContracts.golden("ticket.created", 1).replace("\"subject\"", "\"subjectLine\"");

        assertThatThrownBy(() -> deliver(broken)).isInstanceOf(MalformedEventException.class).hasMessageContaining("subject");
    }

    @Test
    void typesWithoutARouteAndOtherVersionsAreNotRouted() {
        assertThat(routes.route(reader.read(EventContracts.golden("message.added", 1)))).isEmpty();
        assertThat(routes.route(reader.read(EventContracts.golden("ticket.created", 1)
                .replace("\"schemaVersion\": 1", "\"schemaVersion\": 2")))).isEmpty();
    }

    private void deliver(String value) {
        EventEnvelope<JsonNode> event = reader.read(value);
        routes.route(event).orElseThrow().deliver(reader, event);
    }
}
