package com.quimbi.crm.ticket.config;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.platform.problem.ProblemHandler;

/**
 * The service's own failure modes as problems, answered before platform-core's catch-all turns them into 500s.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestProblems {

    static final URI PRECONDITION = URI.create("https://supportcrm.dev/problems/precondition-failed");

    @ExceptionHandler(PreconditionFailedException.class)
    ResponseEntity<ProblemDetail> precondition(PreconditionFailedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
        problem.setType(PRECONDITION);
        problem.setTitle("Precondition failed");
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(problem);
    }
}
