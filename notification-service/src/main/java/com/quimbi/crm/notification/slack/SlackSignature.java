package com.quimbi.crm.notification.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature: {@code X-Slack-Signature: v0=hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" +
 * raw body))} with {@code X-Slack-Request-Timestamp} in epoch seconds. Compared in constant time
 * ({@link MessageDigest#isEqual}; the SDK's verifier uses String.equals), and a timestamp more than the tolerance
 * (5 minutes) away from now in either direction is refused, so a captured request cannot be replayed later and a
 * future-dated one cannot be stockpiled.
 */
public final class SlackSignature {

    public enum Verdict {
        VALID, MISSING, MALFORMED_TIMESTAMP, STALE, FUTURE, BAD_SIGNATURE
    }

    private SlackSignature() {
    }

    public static Verdict verify(String signingSecret, String timestamp, String signature, byte[] body, Instant now,
            Duration tolerance) {
        if (signingSecret == null || signingSecret.isEmpty() || timestamp == null || signature == null) {
            return Verdict.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED_TIMESTAMP;
        }
        long skew = seconds - now.getEpochSecond();
        if (skew < -tolerance.toSeconds()) {
            return Verdict.STALE;
        }
        if (skew > tolerance.toSeconds()) {
            return Verdict.FUTURE;
        }
        byte[] expected = sign(signingSecret, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    /** {@code v0=<hex>} for the timestamp and raw body. */
    public static String sign(String signingSecret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
