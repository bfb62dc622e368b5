package com.quimbi.crm.agent.agent;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

public record ChangeStatusRequest(@NotNull @Schema(example = "busy") AgentStatus status) {
}
