package com.quimbi.crm.platform.pagination;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort-key values of the last row, joined and base64url-encoded. Clients
 * pass it back unchanged; a tampered cursor is a 400, never a 500.
 */
public final class Cursor {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "\u001f";

    private Cursor() {
    }

    public static String encode(List<String> keys) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, keys).getBytes(StandardCharsets.UTF_8));
    }

    public static List<String> decode(String cursor, int expectedKeys) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> keys = List.of(raw.split(SEPARATOR, -1));
            if (keys.size() != expectedKeys) {
                throw new InvalidCursorException();
            }
            return keys;
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }

    /** Caps the page size so one request cannot ask for the whole table. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        return Math.max(1, Math.min(MAX_LIMIT, requested));
    }

    public static class InvalidCursorException extends IllegalArgumentException {
        public InvalidCursorException() {
            super("The cursor is not valid for this list.");
        }
    }
}
