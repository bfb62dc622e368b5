package com.quimbi.crm.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.quimbi.crm.agent.keycloak.IdentityRefusedException;

class AgentProblemsTest {

    private final AgentProblems problems = new AgentProblems();

    @Test
    void aValueKeycloakRefusedIsA400NamingTheField() {
        ResponseEntity<ProblemDetail> reply = problems.identityRefused(
                new IdentityRefusedException("lastName", "Keycloak refused the value: error-person-name-invalid-character"));

        assertThat(reply.getStatusCode().value()).isEqualTo(400);
        ProblemDetail problem = reply.getBody();
        assertThat(problem.getType().toString()).endsWith("/validation");
        assertThat(problem.getDetail()).startsWith("Field 'lastName': Keycloak refused the value").endsWith("No change was made.");
        assertThat(problem.getProperties()).containsEntry("errors", List.of(Map.of("field", "lastName",
                "message", "Keycloak refused the value: error-person-name-invalid-character")));
    }

    @Test
    void withoutAFieldTheWholeBodyIsNamed() {
        ProblemDetail problem = problems.identityRefused(new IdentityRefusedException(null, "no")).getBody();

        assertThat(problem.getDetail()).startsWith("Field 'body': no");
    }
}
