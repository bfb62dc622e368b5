package com.quimbi.crm.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Encrypts credentials at rest (integration-service: shop tokens, mailbox passwords; notification-service: Slack
 * tokens and signing secret): AES-256-GCM (Spring Security Crypto's {@link AesBytesEncryptor}, random
 * 96-bit IV per value, 128-bit tag), as {@code v1:<key id>:<base64(iv + ciphertext)>}. The key id (first 8 hex
 * digits of the key's SHA-256) says which key decrypts, so previous keys keep working during a rotation and
 * {@link #isCurrent} finds values to re-encrypt.
 */
public class SecretBox {

    private static final String VERSION = "v1";

    private final String currentId;
    private final Map<String, BytesEncryptor> keys = new LinkedHashMap<>();

    /** @param key base64 of 32 bytes; @param previousKeys keys that only decrypt */
    public SecretBox(String key, List<String> previousKeys) {
        this.currentId = add(key);
        previousKeys.stream().filter(k -> k != null && !k.isBlank()).forEach(this::add);
    }

    private String add(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the encryption key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("the encryption key must be 32 bytes (AES-256), is " + key.length);
        }
        String id = keyId(key);
        keys.putIfAbsent(id, new AesBytesEncryptor(new SecretKeySpec(key, "AES"), KeyGenerators.secureRandom(12),
                AesBytesEncryptor.CipherAlgorithm.GCM));
        return id;
    }

    static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] sealed = keys.get(currentId).encrypt(plain.getBytes(StandardCharsets.UTF_8));
        return VERSION + ":" + currentId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    public String decrypt(String sealed) {
        if (sealed == null) {
            return null;
        }
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !keys.containsKey(parts[1])) {
            throw new IllegalStateException("a stored credential is sealed with an unknown key; add it to previous-keys");
        }
        return new String(keys.get(parts[1]).decrypt(Base64.getDecoder().decode(parts[2])), StandardCharsets.UTF_8);
    }

    /** True when {@code sealed} is null or under the current key (nothing to re-encrypt). */
    public boolean isCurrent(String sealed) {
        return sealed == null || sealed.startsWith(VERSION + ":" + currentId + ":");
    }
}
