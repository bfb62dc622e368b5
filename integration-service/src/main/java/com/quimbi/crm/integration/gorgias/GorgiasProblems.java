package com.quimbi.crm.integration.gorgias;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.platform.problem.Problems;

/** Gorgias down or rate-limited while an admin waits: 503, never a 500; a refused webhook: 401. */
@RestControllerAdvice
class GorgiasProblems {

    @ExceptionHandler({ GorgiasUnavailableException.class, GorgiasThrottledException.class })
    ProblemDetail gorgiasUnavailable(RuntimeException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, URI.create("about:blank"), "Gorgias unavailable",
                "Gorgias did not answer or is rate-limiting; try again later.");
    }

    @ExceptionHandler(GorgiasWebhookRejectedException.class)
    ProblemDetail webhookRejected(GorgiasWebhookRejectedException e) {
        return Problems.of(e.status(), URI.create("about:blank"), e.status().getReasonPhrase(), e.getMessage());
    }
}
