package com.quimbi.crm.agent.keycloak;

/**
 * Keycloak refused a value of ours (its 400, e.g. a name its user profile does not allow): the caller's input, so a
 * 400 naming the field, never a 500. {@code field} is Keycloak's attribute name when it gave one.
 */
public class IdentityRefusedException extends RuntimeException {

    private final String field;

    public IdentityRefusedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
