package com.quimbi.crm.test;

import com.quimbi.crm.devstack.KeycloakServer;

/** The demo logins of infra/keycloak/crm-realm.json (dev-only credentials), one per realm role. */
public enum DemoUser {
    AGENT("alex.agent", "alex-demo-pass"),
    SUPERVISOR("sara.supervisor", "sara-demo-pass"),
    ADMIN("adam.admin", "adam-demo-pass");

    private final String username;
    private final String credential;

    DemoUser(String username, String credential) {
        this.username = username;
        this.credential = credential;
    }

    public String username() {
        return username;
    }

    public String credential() {
        return credential;
    }

    /** A real access token from the shared test Keycloak. */
    public String token() {
        return token(TestInfrastructure.keycloak());
    }

    public String token(KeycloakServer keycloak) {
        return keycloak.accessToken(username, credential);
    }
}
