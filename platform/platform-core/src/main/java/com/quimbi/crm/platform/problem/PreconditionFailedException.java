package com.quimbi.crm.platform.problem;

/**
 * {@code If-Match} does not name the current version (or names nothing this service issued): 412, the client
 * reads the resource again before it retries. See {@link com.quimbi.crm.platform.web.ETags}.
 */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
