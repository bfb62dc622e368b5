package com.quimbi.crm.notification.slack;

import org.springframework.http.HttpStatus;

/** A Slack request that is not accepted: bad or missing signature, stale or future timestamp (401), unreadable (400). */
class SlackWebhookRejected extends RuntimeException {

    private final HttpStatus status;

    SlackWebhookRejected(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
