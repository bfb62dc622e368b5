package com.quimbi.crm.automation.peers;

/**
 * What ticket- or assignment-service answered when it refused or could not do a step: its status (400, 403, 404,
 * 409, 412, 422 pass through to the caller as a problem; anything else is a 503) and its problem detail.
 */
public class PeerException extends RuntimeException {

    private final String service;
    private final int status;

    public PeerException(String service, int status, String detail) {
        super(detail);
        this.service = service;
        this.status = status;
    }

    public String service() {
        return service;
    }

    /** The peer's HTTP status; 0 when it could not be reached. */
    public int status() {
        return status;
    }

    public boolean unavailable() {
        return status == 0 || status >= 500 || status == 429;
    }
}
