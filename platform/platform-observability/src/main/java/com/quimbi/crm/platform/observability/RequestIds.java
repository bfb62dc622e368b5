package com.quimbi.crm.platform.observability;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id a call carries from the edge through every service: the gateway keeps a well-formed incoming
 * {@code X-Request-Id} (or makes one) and forwards it; each service puts it in its log lines (MDC
 * {@value #MDC_KEY}) and echoes it on the response.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private RequestIds() {
    }

    /** The incoming id if it is well-formed (no header injection, bounded length), else a new UUID. */
    public static String resolve(String incoming) {
        return isWellFormed(incoming) ? incoming : UUID.randomUUID().toString();
    }

    public static boolean isWellFormed(String requestId) {
        return requestId != null && WELL_FORMED.matcher(requestId).matches();
    }
}
