package com.quimbi.crm.ticket.config;

import java.net.URI;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.platform.problem.ProblemHandler;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/**
 * The service's own failure modes as problems, answered before platform-core's catch-all turns them into 500s.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestProblems {

    static final URI PRECONDITION = URI.create("https://supportcrm.dev/problems/precondition-failed");

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(ProblemHandler.validationProblem(
                "Field '" + e.field() + "' " + e.getMessage() + ".", List.of(new FieldError(e.field(), e.getMessage()))));
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ResponseEntity<ProblemDetail> precondition(PreconditionFailedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
        problem.setType(PRECONDITION);
        problem.setTitle("Precondition failed");
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(problem);
    }

    /** A unique key lost a race (two creates of one email at once): the loser learns it conflicts. */
    @ExceptionHandler({ DuplicateKeyException.class, DataIntegrityViolationException.class })
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The change conflicts with data written at the same time; read again and retry.");
        problem.setType(ProblemHandler.CONFLICT);
        problem.setTitle("Conflict");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
