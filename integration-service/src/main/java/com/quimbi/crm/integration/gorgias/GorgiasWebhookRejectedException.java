package com.quimbi.crm.integration.gorgias;

import org.springframework.http.HttpStatus;

/** A Gorgias delivery that is not accepted: missing/wrong secret (401), unknown event or bad body (400). */
public class GorgiasWebhookRejectedException extends RuntimeException {

    private final HttpStatus status;

    public GorgiasWebhookRejectedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
