package com.quimbi.crm.agent.keycloak;

import java.util.List;

/**
 * A Keycloak user to create. Without a password the user gets the UPDATE_PASSWORD required action (an admin
 * then sends the reset e-mail); with one, {@code temporaryPassword} makes Keycloak ask for a new one at
 * first login.
 */
public record NewIdentity(String username, String email, String firstName, String lastName, String password,
        boolean temporaryPassword) {

    List<String> requiredActions() {
        return password == null ? List.of("UPDATE_PASSWORD") : List.of();
    }

    @Override
    public String toString() {
        return "NewIdentity[username=" + username + ", email=" + email + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
