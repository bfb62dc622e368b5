package com.quimbi.crm.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

class GoldenExamplesTest {

    static final java.util.List<String> TYPES = EventContracts.EVENT_TYPES;

    @ParameterizedTest
    @FieldSource("TYPES")
    void everyGoldenExampleKeepsItsContract(String type) {
        assertThat(EventContracts.violations(EventContracts.golden(type, 1))).isEmpty();
    }

    @Test
    void theSchemaFilesAreTheListOfEventTypes() {
        assertThat(TYPES).contains("ticket.created").doesNotContain("envelope");
    }

    /** Analysts read the AsyncAPI document: an event type missing from it is invisible to them. */
    @ParameterizedTest
    @FieldSource("TYPES")
    void theAsyncApiDocumentDescribesEveryEventType(String type) throws java.io.IOException {
        String asyncApi;
        try (var in = EventContracts.class.getResourceAsStream("/contracts/asyncapi.yaml")) {
            asyncApi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(asyncApi).contains("name: " + type + "\n")
                .contains("$ref: './schemas/" + type + ".v1.json'");
    }

    @Test
    void aBrokenEventIsReported() {
        String broken = EventContracts.golden("ticket.created", 1)
                .replace("\"priority\": \"high\"", "\"priority\": \"whenever\"")
                .replace("\"id\": \"0193a0c4-7b1e-7c2a-9f41-5d2b8e6a1c01\"", "\"id\": \"not-a-uuid\"");
        assertThat(EventContracts.violations(broken))
                .anySatisfy(v -> assertThat(v).startsWith("data:").contains("priority"))
                .anySatisfy(v -> assertThat(v).startsWith("envelope:").contains("id"));
    }

    @Test
    void anUnknownTypeIsReported() {
        String unknown = EventContracts.golden("ticket.created", 1).replace("ticket.created", "ticket.exploded");
        assertThat(EventContracts.violations(unknown)).contains("unknown event type 'ticket.exploded'");
    }
}
