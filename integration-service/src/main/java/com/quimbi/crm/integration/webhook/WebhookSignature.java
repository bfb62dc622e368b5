package com.quimbi.crm.integration.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-Sha256} = base64(HMAC-SHA256(secret, raw body)). Checked
 * over the bytes as received (a re-serialized body would differ), compared in constant time.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] rawBody) {
        return Base64.getEncoder().encodeToString(hmac(secret, rawBody));
    }

    /** True when {@code header} is the signature of {@code rawBody} under any of {@code secrets}. */
    public static boolean verify(Collection<String> secrets, byte[] rawBody, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean ok = false;
        for (String secret : secrets) {
            // every secret is tried, so the time taken does not tell which one matched
            ok |= MessageDigest.isEqual(hmac(secret, rawBody), given);
        }
        return ok;
    }

    static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
