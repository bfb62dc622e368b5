package com.quimbi.crm.integration.gorgias;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.quimbi.crm.integration.gorgias.internal.GorgiasReceiptStore;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a Gorgias delivery is only: check the shared secret header (constant time), check the event name and
 * that the body is JSON, store it once (account + event + SHA-256 of the body: Gorgias retries send the same bytes).
 * {@link GorgiasWebhookProcessor} does the work from the stored receipt.
 */
@Service
public class GorgiasWebhookService {

    private static final Logger log = LoggerFactory.getLogger(GorgiasWebhookService.class);

    public static final String SECRET_HEADER = "X-CRM-Gorgias-Secret";
    public static final Set<String> EVENTS = Set.of("ticket-created", "ticket-updated", "ticket-message-created");

    private final GorgiasAccountService accounts;
    private final GorgiasReceiptStore receipts;
    private final JsonMapper json;
    private final Clock clock;

    GorgiasWebhookService(GorgiasAccountService accounts, GorgiasReceiptStore receipts, JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.receipts = receipts;
        this.json = json;
        this.clock = clock;
    }

    public void receive(String event, byte[] body, String secret) {
        String account = accounts.accountOfSecret(secret).orElse(null);
        if (account == null) {
            log.warn("Refused a Gorgias webhook ({}) without a valid secret header", event);
            throw new GorgiasWebhookRejectedException(HttpStatus.UNAUTHORIZED, "The webhook secret is missing or wrong.");
        }
        if (!EVENTS.contains(event)) {
            throw new GorgiasWebhookRejectedException(HttpStatus.BAD_REQUEST, "Unknown Gorgias event " + event + ".");
        }
        try {
            if (!json.readTree(body).isObject()) {
                throw new GorgiasWebhookRejectedException(HttpStatus.BAD_REQUEST, "The body must be a JSON object.");
            }
        } catch (JacksonException e) {
            throw new GorgiasWebhookRejectedException(HttpStatus.BAD_REQUEST, "The body must be a JSON object.");
        }
        if (!receipts.insert(account, event, sha256(body), body, clock.instant())) {
            log.debug("Duplicate Gorgias delivery ({}, {}) ignored", account, event);
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
