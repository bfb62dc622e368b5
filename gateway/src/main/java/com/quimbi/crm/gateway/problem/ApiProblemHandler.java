package com.quimbi.crm.gateway.problem;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import com.quimbi.crm.gateway.auth.AuthExceptions;

/** Problems for the gateway's own endpoints ({@code /api/auth/*}). */
@RestControllerAdvice
class ApiProblemHandler {

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidFields(WebExchangeBindException ex) {
        List<Problems.FieldError> errors = new ArrayList<>();
        ex.getFieldErrors().forEach(e -> errors.add(new Problems.FieldError(e.getField(), e.getDefaultMessage())));
        ex.getGlobalErrors().forEach(e -> errors.add(new Problems.FieldError(e.getObjectName(), e.getDefaultMessage())));
        return ResponseEntity.badRequest().body(Problems.validation("The request has invalid fields.", errors));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException ex) {
        return ResponseEntity.badRequest().body(Problems.validation(
                "The request body is missing or not valid JSON for this operation.",
                List.of(new Problems.FieldError("body", "is missing or not readable"))));
    }

    @ExceptionHandler(AuthExceptions.InvalidGrant.class)
    ResponseEntity<ProblemDetail> invalidGrant(ServerWebExchange exchange) {
        String detail = exchange.getRequest().getPath().value().endsWith("/login")
                ? "Invalid username or password."
                : "The refresh token is invalid or expired, or its session has ended. Please log in again.";
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Problems.of(HttpStatus.UNAUTHORIZED, detail));
    }

    @ExceptionHandler(AuthExceptions.IdentityProviderUnavailable.class)
    ResponseEntity<ProblemDetail> identityProviderUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                        "The sign-in service is not reachable right now. Please retry shortly."));
    }

    @ExceptionHandler(AuthExceptions.IdentityProviderMisconfigured.class)
    ResponseEntity<ProblemDetail> identityProviderMisconfigured() {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Problems.of(HttpStatus.BAD_GATEWAY,
                "The sign-in service refused the gateway's client. This has been logged."));
    }
}
