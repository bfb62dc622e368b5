package com.quimbi.crm.platform.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database refused a change because of other data: a unique key lost a race (two creates of one email),
 * a foreign key still refers to the row (a calendar a policy uses), two writers raced on one versioned row, or
 * the transaction was picked as a deadlock victim. Nothing was written, so the caller gets a 409 to reload and
 * retry, not a 500. A data exception (SQLSTATE class 22: a NUL character in a query parameter, a value out of range)
 * is the request's fault and a 400 instead. Registered only where spring-tx is on the classpath (every service with a database).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ConcurrentChangeProblems {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentChangeProblems.class);

    @ExceptionHandler({ DataIntegrityViolationException.class, PessimisticLockingFailureException.class,
            OptimisticLockingFailureException.class })
    ResponseEntity<ProblemDetail> conflict(DataAccessException e) {
        String sqlState = sqlState(e);
        if (sqlState != null && sqlState.startsWith("22")) {
            // a data exception (a NUL character, a byte sequence or number the column cannot hold): the request's
            // own values are at fault, retrying cannot help
            log.info("value refused by the database ({}): {}", sqlState, e.getMostSpecificCause().getMessage());
            return Problems.response(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid input",
                    "A value in the request cannot be stored (for example a NUL character, or a number or text out of "
                            + "range); correct it and send again.");
        }
        log.info("change refused by the database: {}", e.getMostSpecificCause().getMessage());
        return Problems.response(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict",
                "The change conflicts with data written at the same time or with data that refers to it; "
                        + "read again and retry.");
    }

    /** The SQLSTATE of the first SQL exception in the cause chain, if any. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
