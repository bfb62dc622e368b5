package com.quimbi.crm.automation.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of X-Crm-Signature, exactly as docs/api-guide.md shows it (ReceiverSnippetTest keeps the two
 * the same): what a customer copies is what our tests run against our signer.
 */
final class WebhookReceiver {

    private WebhookReceiver() {
    }

    // snippet:start
    /** True when one v1 signature in the header matches the body under the secret and t is recent enough. */
    static boolean verify(String header, String body, String secret, long toleranceSeconds) throws Exception {
        long t = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                t = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (t < 0 || Math.abs(Instant.now().getEpochSecond() - t) > toleranceSeconds) {
            return false; // no timestamp, or a replay of an old delivery
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        for (String signature : signatures) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                return true; // constant-time compare; during a secret rotation either v1 may match
            }
        }
        return false;
    }
    // snippet:end
}
