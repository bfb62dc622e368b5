package com.quimbi.crm.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.quimbi.crm.contracts.enrichment.EnrichmentTrigger;
import com.quimbi.crm.contracts.sla.SlaMetric;
import com.quimbi.crm.contracts.ticket.TicketStatus;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class WireFormatTest {

    final JsonMapper json = JsonMapper.builder().addModule(WireFormat.module()).build();

    @Test
    void everyEnumIsItsLowerCaseName() {
        assertThat(json.writeValueAsString(TicketStatus.ON_HOLD)).isEqualTo("\"on_hold\"");
        assertThat(json.readValue("\"on_hold\"", TicketStatus.class)).isEqualTo(TicketStatus.ON_HOLD);
        assertThat(json.writeValueAsString(Plain.SOME_VALUE)).isEqualTo("\"some_value\"");
    }

    @Test
    void onlyThatFormIsRead() {
        for (String wrong : List.of("\"ON_HOLD\"", "\"On_Hold\"", "\"onhold\"")) {
            assertThatThrownBy(() -> json.readValue(wrong, TicketStatus.class)).isInstanceOf(JacksonException.class)
                    .hasMessageContaining("on_hold").hasMessageContaining("pending");
        }
    }

    @Test
    void mapKeysToo() {
        Map<SlaMetric, Instant> deadlines = Map.of(SlaMetric.FIRST_RESPONSE, Instant.parse("2026-01-01T00:00:00Z"));
        String written = json.writeValueAsString(deadlines);
        assertThat(written).isEqualTo("{\"first_response\":\"2026-01-01T00:00:00Z\"}");
        assertThat(json.readValue(written, new TypeReference<Map<SlaMetric, Instant>>() {
        })).isEqualTo(deadlines);
    }

    @Test
    void explicitAnnotationsWin() {
        assertThat(json.writeValueAsString(EnrichmentTrigger.TICKET_CREATED)).isEqualTo("\"ticket.created\"");
        assertThat(json.readValue("\"message.added\"", EnrichmentTrigger.class)).isEqualTo(EnrichmentTrigger.MESSAGE_ADDED);
        assertThat(json.writeValueAsString(Coded.FAST)).isEqualTo("\"F\"");
        assertThat(json.readValue("\"F\"", Coded.class)).isEqualTo(Coded.FAST);
        assertThat(json.writeValueAsString(Created.ON_HOLD)).isEqualTo("\"on_hold\"");
        assertThat(json.readValue("\"ON-HOLD\"", Created.class)).isEqualTo(Created.ON_HOLD);
    }

    @Test
    void wireNamesOutsideJacksonAreSpelledAsJacksonWritesThem() {
        assertThat(WireFormat.wireName(Plain.SOME_VALUE)).isEqualTo("some_value");
        assertThat(WireFormat.wireName(Coded.FAST)).isEqualTo("F");
        assertThat(WireFormat.wireName(Named.FIRST)).isEqualTo("1st");
        assertThat(WireFormat.wireName(Named.SECOND)).isEqualTo("second");
        assertThat(json.writeValueAsString(Named.FIRST)).isEqualTo("\"" + WireFormat.wireName(Named.FIRST) + "\"");
    }

    enum Plain {
        SOME_VALUE
    }

    enum Named {
        @com.fasterxml.jackson.annotation.JsonProperty("1st")
        FIRST,
        SECOND
    }

    enum Coded {
        FAST("F");

        private final String code;

        Coded(String code) {
            this.code = code;
        }

        @JsonValue
        String code() {
            return code;
        }
    }

    /** The style services hand-write today: @JsonValue lower-case, lenient @JsonCreator. */
    enum Created {
        ON_HOLD;

        @JsonValue
        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @JsonCreator
        static Created of(String value) {
            return valueOf(value.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
        }
    }
}
