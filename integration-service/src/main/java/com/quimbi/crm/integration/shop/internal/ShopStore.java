package com.quimbi.crm.integration.shop.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.integration.shop.Shop;

/** The shop table; credentials in and out only as SecretBox ciphertexts. */
@Repository
public class ShopStore {

    /** A shop with its sealed credentials. */
    public record SealedShop(Shop shop, String accessToken, String refreshToken, String apiSecret,
            String previousApiSecret, Instant previousSecretUntil) {
    }

    private static final String COLUMNS = "domain, name, kind, status, token_expires_at, scopes, connected_at, updated_at, "
            + "access_token, refresh_token, api_secret, previous_api_secret, previous_secret_until";

    private final JdbcTemplate jdbc;

    ShopStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SealedShop> find(String domain) {
        return jdbc.query("SELECT " + COLUMNS + " FROM shop WHERE domain = ?", ShopStore::map, domain).stream().findFirst();
    }

    public List<SealedShop> findAllSealed() {
        return jdbc.query("SELECT " + COLUMNS + " FROM shop ORDER BY domain FOR UPDATE", ShopStore::map);
    }

    public List<Shop> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM shop ORDER BY domain", ShopStore::map).stream()
                .map(SealedShop::shop).toList();
    }

    public void upsertCustom(String domain, String name, String accessToken, String apiSecret, String previousSecret,
            Instant previousUntil, Instant now) {
        jdbc.update("""
                INSERT INTO shop (domain, name, kind, status, access_token, api_secret, previous_api_secret,
                                  previous_secret_until, connected_at, updated_at)
                VALUES (?, ?, 'custom', 'connected', ?, ?, ?, ?, ?, ?)
                ON CONFLICT (domain) DO UPDATE SET name = EXCLUDED.name, kind = 'custom', status = 'connected',
                    access_token = EXCLUDED.access_token, refresh_token = NULL, token_expires_at = NULL,
                    api_secret = EXCLUDED.api_secret,
                    previous_api_secret = COALESCE(EXCLUDED.previous_api_secret, shop.previous_api_secret),
                    previous_secret_until = COALESCE(EXCLUDED.previous_secret_until, shop.previous_secret_until),
                    updated_at = EXCLUDED.updated_at""",
                domain, name, accessToken, apiSecret, previousSecret, ts(previousUntil), ts(now), ts(now));
    }

    public void upsertOAuth(String domain, String accessToken, String refreshToken, Instant expiresAt, String scopes,
            Instant now) {
        jdbc.update("""
                INSERT INTO shop (domain, kind, status, access_token, refresh_token, token_expires_at, scopes,
                                  connected_at, updated_at)
                VALUES (?, 'oauth', 'connected', ?, ?, ?, ?, ?, ?)
                ON CONFLICT (domain) DO UPDATE SET kind = 'oauth', status = 'connected',
                    access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
                    token_expires_at = EXCLUDED.token_expires_at, scopes = EXCLUDED.scopes, api_secret = NULL,
                    previous_api_secret = NULL, previous_secret_until = NULL, updated_at = EXCLUDED.updated_at""",
                domain, accessToken, refreshToken, ts(expiresAt), scopes, ts(now), ts(now));
    }

    public List<SealedShop> findExpiringOAuth(Instant horizon) {
        return jdbc.query("SELECT " + COLUMNS + """
                 FROM shop WHERE kind = 'oauth' AND status = 'connected' AND refresh_token IS NOT NULL
                AND token_expires_at IS NOT NULL AND token_expires_at < ? ORDER BY token_expires_at""",
                ShopStore::map, ts(horizon));
    }

    public void updateTokens(String domain, String accessToken, String refreshToken, Instant expiresAt, Instant now) {
        jdbc.update("UPDATE shop SET access_token = ?, refresh_token = ?, token_expires_at = ?, updated_at = ? WHERE domain = ?",
                accessToken, refreshToken, ts(expiresAt), ts(now), domain);
    }

    public void disconnect(String domain, Instant now) {
        jdbc.update("""
                UPDATE shop SET status = 'disconnected', access_token = NULL, refresh_token = NULL,
                    token_expires_at = NULL, updated_at = ? WHERE domain = ?""", ts(now), domain);
    }

    public void updateCredentials(String domain, String accessToken, String refreshToken, String apiSecret,
            String previousApiSecret) {
        jdbc.update("""
                UPDATE shop SET access_token = ?, refresh_token = ?, api_secret = ?, previous_api_secret = ?
                WHERE domain = ?""", accessToken, refreshToken, apiSecret, previousApiSecret, domain);
    }

    private static SealedShop map(ResultSet rs, int row) throws SQLException {
        Shop shop = new Shop(rs.getString("domain"), rs.getString("name"), rs.getString("kind"), rs.getString("status"),
                instant(rs, "token_expires_at"), rs.getString("scopes"), instant(rs, "connected_at"),
                instant(rs, "updated_at"));
        return new SealedShop(shop, rs.getString("access_token"), rs.getString("refresh_token"),
                rs.getString("api_secret"), rs.getString("previous_api_secret"), instant(rs, "previous_secret_until"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
