package com.quimbi.crm.agent.agent;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.quimbi.crm.contracts.agent.Seniority;

@Schema(description = "A new agent: becomes a Keycloak user (login) and a profile. Omitted optional fields get defaults: "
        + "username = email, maxConcurrentTickets 5, acceptsNew true, seniority junior, timezone UTC. Without "
        + "initialPassword the user must set one (UPDATE_PASSWORD required action).")
public record CreateAgentRequest(
        @NotBlank @Email @Size(max = 320) @Schema(example = "maria.garcia@example.com") String email,
        @Size(min = 3, max = USERNAME_MAX) @Pattern(regexp = USERNAME, message = "may hold letters, digits and . _ @ - only")
        @Schema(example = "maria.garcia") String username,
        @NotBlank @Size(max = 100) @Pattern(regexp = PERSON_NAME, message = PERSON_NAME_RULE) @Schema(example = "María") String firstName,
        @NotBlank @Size(max = 100) @Pattern(regexp = PERSON_NAME, message = PERSON_NAME_RULE) @Schema(example = "García") String lastName,
        @NotNull @Schema(example = "agent") AgentRole role,
        @Size(max = 100) @Schema(example = "Customer Care") String department,
        @Size(max = 100) @Schema(example = "returns") String team,
        @Min(0) @Max(100) @Schema(example = "8") Integer maxConcurrentTickets,
        @Schema(example = "true") Boolean acceptsNew,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> skills,
        @Size(max = 20) List<@NotBlank @Size(max = 35) @Pattern(regexp = LANGUAGE, message = "must be a language tag such as en or pt-BR") String> languages,
        @Schema(example = "senior") Seniority seniority,
        @Size(max = 64) @TimeZoneId @Schema(example = "Europe/Madrid") String timezone,
        @Valid WorkingHours workingHours,
        @Size(min = 8, max = 128) @Schema(description = "Initial password; write-only, never stored by agent-service") String initialPassword,
        @Schema(description = "Keycloak asks for a new password at first login (default true)") Boolean temporaryPassword) {

    /** The bounds of contracts/schemas/agent.created.v1.json. */
    static final int USERNAME_MAX = 255;
    static final String USERNAME = "[A-Za-z0-9._@-]+";
    /**
     * Keycloak's default user profile refuses these characters in first and last names
     * (person-name-prohibited-characters); refused here first, so the caller learns which field and why and nothing
     * is half-created in one of the two systems.
     */
    static final String PERSON_NAME = "[^<>&\"\\v$%!#?§;*~/\\\\|^=\\[\\]{}()\\p{Cntrl}]+";
    static final String PERSON_NAME_RULE = "must not contain control characters or any of < > & \" $ % ! # ? § ; * ~ / \\\\ | ^ = [ ] \\{ \\} ( )";
    static final String LANGUAGE = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*";

    /** Never prints the password. */
    @Override
    public String toString() {
        return "CreateAgentRequest[email=" + email + ", role=" + role + ", password=" + (initialPassword == null ? "none" : "***") + "]";
    }
}
