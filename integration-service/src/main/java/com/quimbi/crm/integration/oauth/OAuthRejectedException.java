package com.quimbi.crm.integration.oauth;

import org.springframework.http.HttpStatus;

/** A callback that is not accepted: forged hmac (401), stale timestamp, bad shop or state (400). */
class OAuthRejectedException extends RuntimeException {

    private final HttpStatus status;

    OAuthRejectedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
