package com.quimbi.crm.agent.config;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.agent.agent.RoleNotGrantableException;
import com.quimbi.crm.agent.keycloak.IdentityRefusedException;
import com.quimbi.crm.agent.keycloak.IdentityUnavailableException;
import com.quimbi.crm.platform.problem.Problems;

/** agent-service's own failures as RFC 9457 problems, answered before platform-core's catch-all 500. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AgentProblems {

    private static final Logger log = LoggerFactory.getLogger(AgentProblems.class);
    static final URI IDENTITY_UNAVAILABLE = Problems.type("identity-unavailable");

    @ExceptionHandler(IdentityUnavailableException.class)
    ResponseEntity<ProblemDetail> identityUnavailable(IdentityUnavailableException e) {
        log.warn("Keycloak unavailable: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, IDENTITY_UNAVAILABLE,
                "Identity provider unavailable",
                "The identity provider (Keycloak) is not reachable right now, so no change was made. Please retry shortly.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }

    @ExceptionHandler(IdentityRefusedException.class)
    ResponseEntity<ProblemDetail> identityRefused(IdentityRefusedException e) {
        String field = e.field() == null ? "body" : e.field();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid input",
                "Field '" + field + "': " + e.getMessage() + ". No change was made.");
        problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", field, "message", e.getMessage())));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(RoleNotGrantableException.class)
    ResponseEntity<ProblemDetail> roleNotGrantable(RoleNotGrantableException e) {
        return Problems.response(HttpStatus.FORBIDDEN, null, "Forbidden", e.getMessage());
    }
}
