package com.quimbi.crm.platform.event;

/** Who caused an event: an agent (Keycloak subject), a customer, a partner system or the system itself. */
public record Actor(String type, String id) {

    public static final Actor SYSTEM = new Actor("system", null);

    public static Actor agent(String id) {
        return new Actor("agent", id);
    }
}
