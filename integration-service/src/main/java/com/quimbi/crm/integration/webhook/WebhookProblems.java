package com.quimbi.crm.integration.webhook;

import java.net.URI;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.platform.problem.Problems;

/** A refused delivery: 401 (signature) or 400 (window, headers), saying no more than that. */
@RestControllerAdvice
class WebhookProblems {

    @ExceptionHandler(WebhookRejectedException.class)
    ProblemDetail webhookRejected(WebhookRejectedException e) {
        return Problems.of(e.status(), URI.create("about:blank"), e.status().getReasonPhrase(), e.getMessage());
    }
}
