package com.quimbi.crm.agent.config;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.agent.agent.AgentService;
import com.quimbi.crm.agent.agent.RoleNotGrantableException;
import com.quimbi.crm.agent.keycloak.IdentityUnavailableException;
import com.quimbi.crm.platform.problem.ProblemHandler;

/** agent-service's own failures as RFC 9457 problems, answered before platform-core's catch-all 500. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AgentProblems {

    private static final Logger log = LoggerFactory.getLogger(AgentProblems.class);
    static final URI IDENTITY_UNAVAILABLE = URI.create("https://supportcrm.dev/problems/identity-unavailable");

    @ExceptionHandler(IdentityUnavailableException.class)
    ResponseEntity<ProblemDetail> identityUnavailable(IdentityUnavailableException e) {
        log.warn("Keycloak unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The identity provider (Keycloak) is not reachable right now, so no change was made. Please retry shortly.");
        problem.setType(IDENTITY_UNAVAILABLE);
        problem.setTitle("Identity provider unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }

    @ExceptionHandler(RoleNotGrantableException.class)
    ResponseEntity<ProblemDetail> roleNotGrantable(RoleNotGrantableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(AgentService.StaleVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(AgentService.StaleVersionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
        problem.setTitle("Precondition failed");
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(problem);
    }

    /** Two writers raced on one agent: the loser retries with fresh data. */
    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ObjectOptimisticLockingFailureException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The agent was changed at the same time by someone else. Reload and try again.");
        problem.setType(ProblemHandler.CONFLICT);
        problem.setTitle("Conflict");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
