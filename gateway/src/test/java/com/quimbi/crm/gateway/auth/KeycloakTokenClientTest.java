package com.quimbi.crm.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import com.quimbi.crm.gateway.auth.KeycloakTokenClient.KeycloakError;

class KeycloakTokenClientTest {

    @Test
    void rejectedGrantsAreTheCallersFault() {
        assertThat(KeycloakTokenClient.toException(HttpStatus.UNAUTHORIZED,
                new KeycloakError("invalid_grant", "Invalid user credentials")))
                .isInstanceOf(AuthExceptions.InvalidGrant.class);
        assertThat(KeycloakTokenClient.toException(HttpStatus.BAD_REQUEST,
                new KeycloakError("invalid_grant", "Session not active")))
                .isInstanceOf(AuthExceptions.InvalidGrant.class);
    }

    @Test
    void aRejectedGatewayClientIsAMisconfiguration() {
        assertThat(KeycloakTokenClient.toException(HttpStatus.UNAUTHORIZED,
                new KeycloakError("invalid_client", "Invalid client credentials")))
                .isInstanceOf(AuthExceptions.IdentityProviderMisconfigured.class);
        assertThat(KeycloakTokenClient.toException(HttpStatus.BAD_REQUEST,
                new KeycloakError("unauthorized_client", "Client not allowed for direct access grants")))
                .isInstanceOf(AuthExceptions.IdentityProviderMisconfigured.class);
    }

    @Test
    void serverErrorsMeanUnavailable() {
        assertThat(KeycloakTokenClient.toException(HttpStatus.BAD_GATEWAY, new KeycloakError(null, null)))
                .isInstanceOf(AuthExceptions.IdentityProviderUnavailable.class);
    }
}
