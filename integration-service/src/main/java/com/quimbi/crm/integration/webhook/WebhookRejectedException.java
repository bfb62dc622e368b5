package com.quimbi.crm.integration.webhook;

import org.springframework.http.HttpStatus;

/** A delivery that is not accepted: bad signature (401) or outside the receipt window / incomplete (400). */
public class WebhookRejectedException extends RuntimeException {

    private final HttpStatus status;

    public WebhookRejectedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
