package com.quimbi.crm.ticket.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.problem.InvalidInputException;

/**
 * {@code Idempotency-Key} for the writes a client (or automation-service's rule firings) may retry after a lost
 * answer: opening a ticket, changing it, adding a message. A key is claimed in the caller's transaction, so a write
 * that fails (409, 412, a crash) releases it and the retry runs for real; one that committed is answered from the
 * resource it made or changed, never applied twice. Keys are per caller; one key means one request.
 */
@Component
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    IdempotencyKeys(JdbcTemplate jdbc, Clock clock, @Value("${crm.idempotency.retention:P7D}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * A header's key, checked: visible ASCII only, because a header is bytes, and a UTF-8 or control-character key
     * means a different key to every hop that decodes it. Null when the request has none.
     */
    public static String requireValid(String key) {
        if (key != null && (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw new InvalidInputException("Idempotency-Key", "must be 1-200 visible ASCII characters");
        }
        return key;
    }

    /**
     * Claims {@code key} for this request, which will make or change {@code resourceId}. Empty: the claim is new, go
     * ahead. Present: an earlier identical request (same operation, target and body) already committed; the id is
     * the resource it made or changed. The same key with a different request is a 422. A concurrent claimer's
     * insert waits for that transaction to end.
     */
    public Optional<UUID> claim(Actor actor, String key, String request, UUID resourceId, Instant now) {
        String owner = actor.id() == null ? actor.type() : actor.id();
        String hash = sha256(request);
        int claimed = jdbc.update("""
                INSERT INTO request_idempotency (actor_id, idempotency_key, resource_id, request_hash, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", owner, key, resourceId, hash, Timestamp.from(now));
        if (claimed == 1) {
            return Optional.empty();
        }
        var earlier = jdbc.queryForMap("""
                SELECT resource_id, request_hash FROM request_idempotency WHERE actor_id = ? AND idempotency_key = ?""",
                owner, key);
        if (!hash.equals(earlier.get("request_hash"))) {
            throw new ResponseStatusException(HttpStatusCode.valueOf(422),
                    "Idempotency-Key " + key + " was used for a different request");
        }
        return Optional.of((UUID) earlier.get("resource_id"));
    }

    /**
     * Forgets keys past the retention (7 days by default, like the outbox): far beyond any client's or rule's retry
     * window, and it keeps the table from growing with every keyed write.
     */
    @Scheduled(fixedDelayString = "${crm.idempotency.purge-interval:PT1H}", initialDelayString = "${crm.idempotency.purge-interval:PT1H}")
    public int purge() {
        int deleted = jdbc.update("DELETE FROM request_idempotency WHERE created_at < ?",
                Timestamp.from(Instant.now(clock).minus(retention)));
        if (deleted > 0) {
            log.info("Forgot {} idempotency keys older than {}", deleted, retention);
        }
        return deleted;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
