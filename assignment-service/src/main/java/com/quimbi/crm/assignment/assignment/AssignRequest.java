package com.quimbi.crm.assignment.assignment;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Assign a ticket to an agent (an agent: to themself). */
public record AssignRequest(
        @NotNull @Schema(description = "the agent's id (Keycloak subject)") UUID agentId,
        @Schema(description = "supervisor only: assign even past the agent's capacity") Boolean force,
        @Size(max = 1000) String note) {
}
