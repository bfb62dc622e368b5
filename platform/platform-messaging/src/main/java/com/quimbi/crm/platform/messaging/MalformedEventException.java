package com.quimbi.crm.platform.messaging;

/** The record is not a valid event envelope: retrying cannot help, it goes straight to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
