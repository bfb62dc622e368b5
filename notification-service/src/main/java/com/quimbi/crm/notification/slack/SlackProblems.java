package com.quimbi.crm.notification.slack;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.quimbi.crm.platform.problem.Problems;

/** Slack's answers to an API caller as RFC 9457 problems (never a 500), and refused webhooks. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SlackProblems {

    @ExceptionHandler(SlackException.Rejected.class)
    ResponseEntity<ProblemDetail> rejected(SlackException.Rejected e) {
        if ("not_connected".equals(e.error()) || "no_bot_token".equals(e.error())) {
            return Problems.response(HttpStatus.CONFLICT, Problems.CONFLICT, "Slack not connected",
                    "not_connected".equals(e.error()) ? "No Slack workspace is connected (PUT /api/slack/workspace)."
                            : "This needs the Slack Web API: connect a bot token (PUT /api/slack/workspace).");
        }
        return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, Problems.type("slack-refused"), "Slack refused",
                "Slack answered " + e.error() + ".");
    }

    @ExceptionHandler(SlackException.RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(SlackException.RateLimited e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(e.retryAfter().toSeconds()))
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.type("slack-rate-limited"), "Slack rate limit",
                        e.getMessage()));
    }

    @ExceptionHandler(SlackException.Unavailable.class)
    ResponseEntity<ProblemDetail> unavailable(SlackException.Unavailable e) {
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, Problems.type("slack-unavailable"), "Slack unavailable",
                "Slack did not answer in time; try again shortly.");
    }

    @ExceptionHandler(SlackWebhookRejected.class)
    ResponseEntity<ProblemDetail> webhookRejected(SlackWebhookRejected e) {
        return Problems.response(e.status(), URI.create("about:blank"), e.status().getReasonPhrase(), e.getMessage());
    }
}
