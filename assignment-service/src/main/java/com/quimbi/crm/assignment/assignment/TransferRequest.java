package com.quimbi.crm.assignment.assignment;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Hand the ticket to another agent, or back to the queue when {@code toAgentId} is absent or null. */
public record TransferRequest(
        @Schema(description = "the receiving agent; null or absent = back to the unassigned queue") UUID toAgentId,
        @Size(max = 1000) @Schema(description = "why, for the receiving agent") String note,
        @Schema(description = "supervisor only: transfer even past the receiving agent's capacity") Boolean force) {
}
