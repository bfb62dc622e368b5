package com.quimbi.crm.agent.keycloak;

/** Keycloak already has a user with this username or email (its 409). */
public class IdentityConflictException extends RuntimeException {

    public IdentityConflictException(String message) {
        super(message);
    }
}
