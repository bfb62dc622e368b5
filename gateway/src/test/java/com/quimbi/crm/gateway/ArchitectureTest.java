package com.quimbi.crm.gateway;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.ArchitectureRules;

/**
 * The gateway is a WebFlux edge without outbox or features in the services' sense; of the shared rules it keeps
 * the one about events: types and topics come from contracts, never string literals.
 */
class ArchitectureTest {

    @Test
    void eventTypesAndTopicsComeFromTheContracts() {
        ArchitectureRules.noEventTypeOrTopicLiterals(Path.of("src/main/java"));
    }
}
