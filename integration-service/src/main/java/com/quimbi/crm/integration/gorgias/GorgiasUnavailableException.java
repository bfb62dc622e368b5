package com.quimbi.crm.integration.gorgias;

/** Gorgias did not answer usefully (timeout, 5xx after the retries, circuit open): a 503, never a 500. */
public class GorgiasUnavailableException extends RuntimeException {

    public GorgiasUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
