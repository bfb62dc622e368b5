package com.quimbi.crm.integration.oauth.internal;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class StateStore {

    private final JdbcTemplate jdbc;

    StateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void save(String state, String shop, Instant expiresAt) {
        jdbc.update("INSERT INTO oauth_state (state, shop_domain, expires_at) VALUES (?, ?, ?)", state, shop,
                Timestamp.from(expiresAt));
    }

    /** Takes the state (deleted: single use); true when it existed for this shop and had not expired. */
    public boolean take(String state, String shop, Instant now) {
        Boolean valid = jdbc.query("DELETE FROM oauth_state WHERE state = ? RETURNING shop_domain, expires_at",
                rs -> rs.next() ? shop.equals(rs.getString(1)) && rs.getTimestamp(2).toInstant().isAfter(now) : false,
                state);
        jdbc.update("DELETE FROM oauth_state WHERE expires_at < ?", Timestamp.from(now));
        return Boolean.TRUE.equals(valid);
    }
}
