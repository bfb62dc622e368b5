package com.quimbi.crm.platform.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who caused an event: an agent (Keycloak subject), a customer, a partner system or the system itself. The
 * system has no id, and the envelope schema wants it left out rather than null, whatever the mapper's defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Actor(String type, String id) {

    public static final Actor SYSTEM = new Actor("system", null);

    public static Actor agent(String id) {
        return new Actor("agent", id);
    }
}
