package com.quimbi.crm.platform.web;

import com.quimbi.crm.platform.problem.PreconditionFailedException;

/**
 * Optimistic concurrency over HTTP, the same in every service. A resource's version travels as a strong ETag,
 * {@code "3"}. A write may send {@code If-Match}:
 * <ul>
 * <li>absent or {@code *}: no precondition, the write goes ahead;</li>
 * <li>{@code "3"} (or {@code W/"3"}, because a proxy that compresses weakens ETags): the write goes ahead only
 * while the version is 3;</li>
 * <li>anything else (another version, a value this service never issued, garbage, a list): 412. RFC 9110
 * §13.1.1 makes the condition false when no current entity tag matches, and an unparseable one matches none.</li>
 * </ul>
 * The 412 is decided after the resource was found (a missing resource stays a 404) and inside the write's
 * transaction, so two writers with the same ETag cannot both win.
 */
public final class ETags {

    /** What {@link #ifMatch} returns for a header that names no version this service issued; matches nothing. */
    public static final long NO_VERSION = -1;

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header asks for: null when there is no precondition, {@link #NO_VERSION}
     * when the header names nothing this service issued.
     */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return NO_VERSION;
        }
        try {
            long version = Long.parseLong(value.substring(1, value.length() - 1));
            return version < 0 ? NO_VERSION : version;
        } catch (NumberFormatException e) {
            return NO_VERSION;
        }
    }

    /** Throws the 412 when {@code expected} (from {@link #ifMatch}) is set and is not {@code current}. */
    public static void check(Long expected, long current, String what) {
        if (expected == null || expected == current) {
            return;
        }
        throw new PreconditionFailedException(expected == NO_VERSION
                ? "If-Match must be the ETag of " + what + " as last read (currently \"" + current + "\")."
                : what + " has changed (version " + current + ", If-Match " + expected + "); read it again and retry.");
    }
}
