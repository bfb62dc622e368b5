package com.quimbi.crm.agent.keycloak;

/** Keycloak could not be reached, answered 5xx, timed out, or the circuit breaker is open: try again later (503). */
public class IdentityUnavailableException extends RuntimeException {

    public IdentityUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
