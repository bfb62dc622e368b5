package com.quimbi.crm.integration.webhook;

/** pending (waiting for its first or next attempt), done, failed (dead letter: no more retries). */
public enum ReceiptStatus {
    PENDING, DONE, FAILED
}
