package com.quimbi.crm.notification.slack;

import java.time.Duration;

/** Why a Slack call did not go through, as the delivery queue needs to know it. */
public abstract sealed class SlackException extends RuntimeException {

    SlackException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 429 (or {@code ratelimited}): wait {@code retryAfter}, then send the same thing again; nothing is lost. */
    public static final class RateLimited extends SlackException {
        private final Duration retryAfter;

        public RateLimited(Duration retryAfter) {
            super("Slack rate limit: retry after " + retryAfter.toSeconds() + " s", null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** 5xx, timeouts, connection failures, an open circuit: retry with backoff. */
    public static final class Unavailable extends SlackException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Slack said no for good ({@code channel_not_found}, {@code invalid_auth}, no workspace…): retrying cannot help. */
    public static final class Rejected extends SlackException {
        private final String error;

        public Rejected(String error) {
            super("Slack refused: " + error, null);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }
}
