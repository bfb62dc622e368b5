package com.quimbi.crm.platform.pagination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * An opaque keyset cursor: the sort-key values of a page's last row, bound to the list they came from. The
 * {@code list} name says which list and order it belongs to ({@code "tickets.priority"}), so a cursor of another
 * endpoint or sort is refused rather than read as if it fitted. A short checksum makes a tampered or truncated
 * cursor a refusal too (it is not a secret: a client that forges one only skips to another position of a list it
 * may read anyway). Every refusal is {@link InvalidCursorException}, a 400 problem, never a 500.
 */
public final class Cursor {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "\u001f";
    private static final int CHECKSUM_BYTES = 6;

    private Cursor() {
    }

    /** The cursor after a row whose sort keys are {@code keys} (each written with {@code toString()}). */
    public static String encode(String list, Object... keys) {
        StringBuilder payload = new StringBuilder(list);
        for (Object key : keys) {
            payload.append(SEPARATOR).append(key);
        }
        byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[CHECKSUM_BYTES + bytes.length];
        System.arraycopy(checksum(bytes), 0, out, 0, CHECKSUM_BYTES);
        System.arraycopy(bytes, 0, out, CHECKSUM_BYTES, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /**
     * The keys of a cursor issued by {@link #encode} for the same {@code list}, or null when the request has no
     * cursor (the first page).
     */
    public static Keys decode(String cursor, String list, int keyCount) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        if (raw.length <= CHECKSUM_BYTES) {
            throw new InvalidCursorException();
        }
        byte[] payload = Arrays.copyOfRange(raw, CHECKSUM_BYTES, raw.length);
        if (!MessageDigest.isEqual(Arrays.copyOf(raw, CHECKSUM_BYTES),
                Arrays.copyOf(checksum(payload), CHECKSUM_BYTES))) {
            throw new InvalidCursorException();
        }
        List<String> parts = List.of(new String(payload, StandardCharsets.UTF_8).split(SEPARATOR, -1));
        if (!parts.getFirst().equals(list) || parts.size() != keyCount + 1) {
            throw new InvalidCursorException();
        }
        return new Keys(parts.subList(1, parts.size()));
    }

    /** Caps the page size so one request cannot ask for the whole table. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        return Math.max(1, Math.min(MAX_LIMIT, requested));
    }

    private static byte[] checksum(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A decoded cursor's keys by position; a key that does not parse as asked is a tampered cursor. */
    public static final class Keys {
        private final List<String> values;

        Keys(List<String> values) {
            this.values = values;
        }

        public String string(int index) {
            return values.get(index);
        }

        public Instant instant(int index) {
            return parse(index, Instant::parse);
        }

        public UUID uuid(int index) {
            // UUID.fromString accepts short forms like "1-2-3-4-5"; a cursor we issued always has the canonical one
            return parse(index, v -> {
                UUID id = UUID.fromString(v);
                if (!id.toString().equals(v)) {
                    throw new IllegalArgumentException(v);
                }
                return id;
            });
        }

        public int integer(int index) {
            return parse(index, Integer::parseInt);
        }

        public float real(int index) {
            return parse(index, v -> {
                float f = Float.parseFloat(v);
                if (!Float.isFinite(f)) {
                    throw new IllegalArgumentException(v);
                }
                return f;
            });
        }

        private <T> T parse(int index, Function<String, T> parser) {
            try {
                return parser.apply(values.get(index));
            } catch (RuntimeException e) {
                throw new InvalidCursorException();
            }
        }
    }

    public static class InvalidCursorException extends IllegalArgumentException {
        public InvalidCursorException() {
            super("The cursor is not valid for this list; start again without one.");
        }
    }
}
