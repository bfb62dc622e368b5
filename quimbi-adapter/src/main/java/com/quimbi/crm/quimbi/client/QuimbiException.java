package com.quimbi.crm.quimbi.client;

/**
 * Why a Quimbi call gave no usable answer. Every subtype means "use the fallback"; the type says whether
 * the cause is Quimbi's health (counted by the circuit breaker, retried where safe) or ours.
 */
public abstract sealed class QuimbiException extends RuntimeException
        permits QuimbiException.Unavailable, QuimbiException.Rejected, QuimbiException.NotFound,
        QuimbiException.BadResponse, QuimbiException.Disabled {

    private final String operation;

    QuimbiException(String operation, String message, Throwable cause) {
        super(operation + ": " + message, cause);
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }

    /** Quimbi was not reached or failed: timeout, connection refused, 5xx, 429, circuit open, bulkhead full. */
    public static final class Unavailable extends QuimbiException {
        private final boolean retryable;

        public Unavailable(String operation, String message, boolean retryable, Throwable cause) {
            super(operation, message, cause);
            this.retryable = retryable;
        }

        /** False when resilience4j refused the call itself (circuit open, bulkhead full): retrying cannot help. */
        public boolean retryable() {
            return retryable;
        }
    }

    /** Quimbi refused our request (400, 401, 403, 422): a bug or a bad key on our side; not retried. */
    public static final class Rejected extends QuimbiException {
        private final int status;

        public Rejected(String operation, int status) {
            super(operation, "rejected with HTTP " + status, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Quimbi does not know the customer or ticket (404): a normal answer for new customers. */
    public static final class NotFound extends QuimbiException {
        public NotFound(String operation) {
            super(operation, "not known to Quimbi", null);
        }
    }

    /** Quimbi answered 2xx with a body we cannot use (malformed JSON, missing or out-of-range fields). */
    public static final class BadResponse extends QuimbiException {
        public BadResponse(String operation, String message, Throwable cause) {
            super(operation, message, cause);
        }
    }

    /** Quimbi is switched off (QUIMBI_ENABLED=false, the local default). */
    public static final class Disabled extends QuimbiException {
        public Disabled(String operation) {
            super(operation, "Quimbi is disabled", null);
        }
    }
}
