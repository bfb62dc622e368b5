package com.quimbi.crm.automation.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Crm-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, one {@code v1} per valid secret: during
 * a rotation the new and the previous secret both sign, so a receiver holding either one accepts the delivery (as
 * Stripe does). The timestamp is inside the MAC so a receiver can refuse old replays.
 */
final class WebhookSignature {

    static final String HEADER = "X-Crm-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    static String header(long unixSeconds, String body, List<String> secrets) {
        return "t=" + unixSeconds + secrets.stream().map(secret -> ",v1=" + sign(secret, unixSeconds, body))
                .collect(Collectors.joining());
    }

    static String sign(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** 256 random bits; receivers use the whole string (prefix included) as the HMAC key. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
