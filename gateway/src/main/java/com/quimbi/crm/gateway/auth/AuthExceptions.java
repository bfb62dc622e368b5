package com.quimbi.crm.gateway.auth;

/** What can go wrong talking to Keycloak, mapped to problems by {@code AuthProblemHandler}. */
public final class AuthExceptions {

    private AuthExceptions() {
    }

    /** Keycloak rejected the credentials or the refresh token (bad password, expired or ended session). */
    public static class InvalidGrant extends RuntimeException {
        public InvalidGrant(String reason) {
            super(reason == null ? "invalid_grant" : reason);
        }
    }

    /** Keycloak is down, too slow or failing: 503. */
    public static class IdentityProviderUnavailable extends RuntimeException {
        public IdentityProviderUnavailable(String message) {
            super(message);
        }

        public IdentityProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Keycloak rejected the gateway's own client (wrong id or secret, grant not enabled): 502. */
    public static class IdentityProviderMisconfigured extends RuntimeException {
        public IdentityProviderMisconfigured(String message) {
            super(message);
        }
    }
}
