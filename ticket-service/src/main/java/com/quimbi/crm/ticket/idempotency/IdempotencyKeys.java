package com.quimbi.crm.ticket.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.problem.InvalidInputException;

/** The Idempotency-Key rules shared by the creates that take one (tickets, messages). */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /**
     * Visible ASCII only, 1-200 characters: a header is bytes, and a UTF-8 or control-character key means a different
     * key to every hop that decodes it.
     */
    public static String requireValid(String key) {
        if (key != null && (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw new InvalidInputException("Idempotency-Key", "must be 1-200 visible ASCII characters");
        }
        return key;
    }

    /** Keys are per caller: two clients choosing the same key never see each other's results. */
    public static String owner(Actor actor) {
        return actor.id() == null ? actor.type() : actor.id();
    }

    /** Tells a retry (same body) from a reuse of the key for another request. */
    public static String hash(String request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
