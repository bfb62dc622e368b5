package com.quimbi.crm.integration.gorgias;

/** Gorgias refused the account e-mail + API key (401/403) or the request itself (other 4xx). */
public class GorgiasCredentialsRejectedException extends RuntimeException {

    private final int status;

    public GorgiasCredentialsRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
