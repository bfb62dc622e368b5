package com.quimbi.crm.ticket.config;

/** {@code If-Match} names a version that is no longer current: 412, the client must re-read first. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
