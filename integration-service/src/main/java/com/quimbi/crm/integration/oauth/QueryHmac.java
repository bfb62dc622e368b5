package com.quimbi.crm.integration.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code hmac} of Shopify's OAuth requests, as Shopify specifies it: decode the query, drop {@code hmac} and
 * {@code signature}, join the values of a repeated key with {@code ,}, sort by key, re-encode ({@code %} and
 * {@code &} in keys and values, {@code =} in keys), join with {@code &}; hex HMAC-SHA256 with the app's secret,
 * compared in constant time.
 */
public final class QueryHmac {

    private QueryHmac() {
    }

    /** The decoded parameters of a raw query string, repeated keys in order. */
    public static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> params = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** The message that is signed: every parameter but hmac and signature, sorted, re-encoded. */
    static String message(Map<String, List<String>> params) {
        return params.entrySet().stream()
                .filter(e -> !e.getKey().equals("hmac") && !e.getKey().equals("signature"))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> encode(e.getKey(), true) + "=" + encode(String.join(",", e.getValue()), false))
                .collect(Collectors.joining("&"));
    }

    public static String sign(String secret, Map<String, List<String>> params) {
        return HexFormat.of().formatHex(hmac(secret, message(params)));
    }

    public static boolean verify(String secret, Map<String, List<String>> params) {
        List<String> given = params.get("hmac");
        if (secret == null || secret.isBlank() || given == null || given.size() != 1) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, message(params))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.getFirst().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private static String encode(String value, boolean key) {
        String encoded = value.replace("%", "%25").replace("&", "%26");
        return key ? encoded.replace("=", "%3D") : encoded;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
