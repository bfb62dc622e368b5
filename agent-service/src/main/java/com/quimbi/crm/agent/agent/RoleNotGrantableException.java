package com.quimbi.crm.agent.agent;

/** The caller tried to give (or manage someone holding) a role above what their own role allows: 403. */
public class RoleNotGrantableException extends RuntimeException {

    public RoleNotGrantableException(String message) {
        super(message);
    }
}
