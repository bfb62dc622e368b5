package com.quimbi.crm.notification.peers;

/** A call to another service as an agent that did not go through. */
public abstract sealed class PeerException extends RuntimeException {

    PeerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The service (or Keycloak) is down, slow or the circuit is open: try again later. */
    public static final class Unavailable extends PeerException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The service said no (403, 404, 409…): its rules apply to the agent; {@code detail} is its problem's detail. */
    public static final class Refused extends PeerException {
        private final int status;

        public Refused(int status, String detail) {
            super(detail, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
