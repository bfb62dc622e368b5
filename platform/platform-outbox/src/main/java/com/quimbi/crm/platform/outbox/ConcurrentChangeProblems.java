package com.quimbi.crm.platform.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.platform.problem.ProblemHandler;

/**
 * The database refused a change because of other data: a unique key lost a race (two creates of one email),
 * a foreign key still refers to the row (a calendar a policy uses), or the transaction was picked as a
 * deadlock victim. Nothing was written, so the caller gets a 409 to reload and retry, not a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ConcurrentChangeProblems {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentChangeProblems.class);

    @ExceptionHandler({ DataIntegrityViolationException.class, PessimisticLockingFailureException.class })
    ResponseEntity<ProblemDetail> conflict(DataAccessException e) {
        log.info("change refused by the database: {}", e.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The change conflicts with data written at the same time or with data that refers to it; "
                        + "read again and retry.");
        problem.setType(ProblemHandler.CONFLICT);
        problem.setTitle("Conflict");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
