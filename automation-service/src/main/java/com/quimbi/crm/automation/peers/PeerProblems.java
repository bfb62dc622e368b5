package com.quimbi.crm.automation.peers;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.platform.problem.Problems;

/**
 * A refusal by the owning service reaches the caller as the same status (the agent may not do it there, the ticket
 * is closed, ...); an owning service that is down or slow is a 503 with Retry-After: retry with the same
 * Idempotency-Key, and only the steps not done yet are done.
 */
@RestControllerAdvice
class PeerProblems {

    private static final Logger log = LoggerFactory.getLogger(PeerProblems.class);

    @ExceptionHandler(PeerException.class)
    ResponseEntity<ProblemDetail> peer(PeerException e) {
        if (e.unavailable()) {
            log.warn("{} unavailable: {} {}", e.service(), e.status(), e.getMessage());
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE,
                    "Service unavailable", e.service() + " did not answer; retry with the same Idempotency-Key");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
        }
        HttpStatus status = HttpStatus.resolve(e.status());
        if (status == null || !status.is4xxClientError()) {
            status = HttpStatus.BAD_GATEWAY;
        }
        URI type = switch (status) {
            case NOT_FOUND -> Problems.NOT_FOUND;
            case CONFLICT -> Problems.CONFLICT;
            case PRECONDITION_FAILED -> Problems.PRECONDITION_FAILED;
            case BAD_REQUEST, UNPROCESSABLE_CONTENT -> Problems.VALIDATION;
            default -> Problems.type("refused");
        };
        ProblemDetail problem = Problems.of(status, type, e.service() + " refused the change",
                e.getMessage() == null ? e.service() + " answered " + e.status() : e.getMessage());
        problem.setProperty("service", e.service());
        return ResponseEntity.status(status).body(problem);
    }
}
