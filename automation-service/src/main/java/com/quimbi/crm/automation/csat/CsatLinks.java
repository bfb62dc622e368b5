package com.quimbi.crm.automation.csat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The survey link's token: {@code <survey id>.<expiry, unix seconds>.<base64url HMAC-SHA256 of both>}. Nothing is
 * looked up before the MAC holds, and a link cannot be made for another survey or a later expiry without the key.
 */
final class CsatLinks {

    private final byte[] key;

    CsatLinks(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("crm.automation.csat.link-secret must be at least 16 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    record Claims(UUID surveyId, Instant expiresAt) {
    }

    String token(UUID surveyId, Instant expiresAt) {
        String claims = surveyId + "." + expiresAt.getEpochSecond();
        return claims + "." + mac(claims);
    }

    /** The claims of a well-formed token with a valid MAC (expired or not: the caller tells the two apart). */
    Optional<Claims> read(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String claims = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(mac(claims).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claims(UUID.fromString(parts[0]), Instant.ofEpochSecond(Long.parseLong(parts[1]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String mac(String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(claims.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
