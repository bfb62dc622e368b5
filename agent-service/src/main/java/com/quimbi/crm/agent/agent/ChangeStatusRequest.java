package com.quimbi.crm.agent.agent;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

import com.quimbi.crm.contracts.agent.AgentStatus;

public record ChangeStatusRequest(@NotNull @Schema(example = "busy") AgentStatus status) {
}
