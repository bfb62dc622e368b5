package com.quimbi.crm.platform.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database could not serve the request now: no connection within the pool's (short) wait, the server away, a
 * statement timed out. That is overload or an outage, not a bug: a fast 503 with {@code Retry-After}, so clients back
 * off and retry (with their Idempotency-Key) instead of seeing a 500. Registered where spring-tx is on the classpath.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class UnavailableProblems {

    private static final Logger log = LoggerFactory.getLogger(UnavailableProblems.class);
    static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class, QueryTimeoutException.class })
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("database unavailable for a request: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Service unavailable",
                "The service cannot reach its database right now; retry after a moment.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
