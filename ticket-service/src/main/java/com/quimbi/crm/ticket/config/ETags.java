package com.quimbi.crm.ticket.config;

import com.quimbi.crm.platform.problem.InvalidInputException;

/** Versions travel as strong ETags, {@code "3"}; {@code If-Match} may also be weak or {@code *}. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} header asks for; null when absent or {@code *} (no precondition). */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("If-Match", "must be an ETag this service issued, e.g. \"3\"");
        }
    }

    public static void check(Long expected, long current, String what) {
        if (expected != null && expected != current) {
            throw new PreconditionFailedException(what + " has changed (version " + current + ", If-Match "
                    + expected + "); read it again and retry");
        }
    }
}
