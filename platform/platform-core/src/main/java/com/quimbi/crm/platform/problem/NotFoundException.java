package com.quimbi.crm.platform.problem;

/** A resource the caller asked for does not exist (or is not visible to them): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String resource, Object id) {
        super(resource + " " + id + " was not found");
    }
}
