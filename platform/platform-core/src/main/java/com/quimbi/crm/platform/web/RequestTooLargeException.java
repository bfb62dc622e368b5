package com.quimbi.crm.platform.web;

import java.io.IOException;

/** A request body grew past {@code crm.web.max-request-bytes} while it was read: 413. */
public class RequestTooLargeException extends IOException {

    public RequestTooLargeException(long maxBytes) {
        super("The request body exceeds " + maxBytes + " bytes.");
    }
}
