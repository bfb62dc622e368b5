package com.quimbi.crm.integration.gorgias;

import java.time.Duration;

/**
 * The account's rate limit is used up: Gorgias answered 429 (its {@code Retry-after}), or our own count of the
 * window says the next call would be refused. Callers reschedule after {@link #retryAfter()}; it is no failure.
 */
public class GorgiasThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public GorgiasThrottledException(Duration retryAfter) {
        super("Gorgias rate limit reached, retry after " + retryAfter.toMillis() + " ms");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
