package com.quimbi.crm.platform.problem;

/** The request is well-formed but clashes with the current state (illegal transition, stale version): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
