package com.quimbi.crm.agent.agent;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.quimbi.crm.contracts.agent.Seniority;

/** A partial update: an absent (or null) field stays as it is. E-mail and username are not changeable here. */
@Schema(description = "Fields to change; absent or null fields stay as they are. A role change also changes the Keycloak role mapping.")
public record UpdateAgentRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Pattern(regexp = CreateAgentRequest.PERSON_NAME, message = CreateAgentRequest.PERSON_NAME_RULE) String firstName,
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Pattern(regexp = CreateAgentRequest.PERSON_NAME, message = CreateAgentRequest.PERSON_NAME_RULE) String lastName,
        AgentRole role,
        @Size(max = 100) String department,
        @Size(max = 100) String team,
        @Min(0) @Max(100) Integer maxConcurrentTickets,
        Boolean acceptsNew,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> skills,
        @Size(max = 20) List<@NotBlank @Size(max = 35) @Pattern(regexp = CreateAgentRequest.LANGUAGE, message = "must be a language tag such as en or pt-BR") String> languages,
        Seniority seniority,
        @Size(max = 64) @TimeZoneId String timezone,
        @Valid WorkingHours workingHours) {
}
