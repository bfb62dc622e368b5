package com.quimbi.crm.platform.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an audit record keeps of a change: only the fields whose value differs between before and after, with the
 * values of secret-looking fields masked. Pure functions on field maps (the JSON shape of the resource), so the
 * rules are tested without a database.
 */
public final class AuditChanges {

    public static final String MASK = "***";

    /** A field whose name holds one of these is a secret wherever it is: its value never reaches the trail. */
    private static final List<String> SECRET_PARTS = List.of("password", "passwd", "secret", "token", "credential",
            // an incoming-webhook URL (Slack's) is a bearer credential: whoever has it may post
            "webhookurl", "webhook_url");
    /** "key" only as a word of its own ({@code apiKey}, {@code private_key}), not inside {@code keycloakId}. */
    private static final String KEY_WORD = "key";
    /** Change on every write (a timestamp, an optimistic-lock version): noise beside the fields that did change. */
    private static final Set<String> BOOKKEEPING = Set.of("updatedAt", "updated_at", "version");

    private AuditChanges() {
    }

    /** One field's values before and after the change (null: absent, e.g. before a create; always written). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Change(Object before, Object after) {
    }

    /**
     * The changed fields, in name order: on a create ({@code before} null) every field the new resource has, on a
     * delete ({@code after} null) every field it had, on an update the fields whose values differ. Secret values
     * are masked after comparing, so "the token changed" is still recorded, never the token.
     */
    public static Map<String, Change> diff(Map<String, ?> before, Map<String, ?> after) {
        Map<String, ?> was = before == null ? Map.of() : before;
        Map<String, ?> is = after == null ? Map.of() : after;
        Set<String> fields = new TreeSet<>(was.keySet());
        fields.addAll(is.keySet());
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String field : fields) {
            Object old = was.get(field);
            Object now = is.get(field);
            if (BOOKKEEPING.contains(field) || Objects.equals(old, now)) {
                continue;
            }
            changes.put(field, isSecret(field) ? new Change(old == null ? null : MASK, now == null ? null : MASK)
                    : new Change(mask(old), mask(now)));
        }
        return changes;
    }

    /** Whether a field name looks like it holds a secret (case-insensitive, camelCase and snake_case alike). */
    public static boolean isSecret(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        if (SECRET_PARTS.stream().anyMatch(lower::contains)) {
            return true;
        }
        // split camelCase and separators into words: apiKey -> api key; keycloakId -> keycloak id
        for (String word : field.split("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")) {
            if (word.equalsIgnoreCase(KEY_WORD)) {
                return true;
            }
        }
        return false;
    }

    /** A value with the secrets inside it masked: nested objects (a config block) and lists of them. */
    static Object mask(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((k, v) -> masked.put(String.valueOf(k),
                    isSecret(String.valueOf(k)) && v != null ? MASK : mask(v)));
            return masked;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AuditChanges::mask).toList();
        }
        return value;
    }
}
