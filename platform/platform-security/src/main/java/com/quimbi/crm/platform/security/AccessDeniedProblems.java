package com.quimbi.crm.platform.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * {@code @PreAuthorize} denials surface in the MVC layer; answer them before the catch-all 500 handler. A
 * service's own denial ("only the assignee may accept") keeps its message; a role check gets the generic one.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessDeniedProblems {

    @ExceptionHandler(AuthorizationDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AuthorizationDeniedException e) {
        String detail = e.getMessage() == null || "Access Denied".equals(e.getMessage())
                ? "Your role does not allow this operation." : e.getMessage();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Forbidden");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
}
