package com.quimbi.crm.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A string in a request body that we could not store as sent is refused with the field's name, before anything is
 * written: PostgreSQL's text types cannot hold a NUL character (the write failed as a "conflict" after half the
 * work), and the JDBC driver turns a lone UTF-16 surrogate into {@code ?} without a word (a name then differs
 * between us and Keycloak for good). A number or boolean where text belongs is refused too, not turned into text.
 */
public final class StorableText extends StringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        if (p.currentToken() != null && p.currentToken().isScalarValue() && p.currentToken() != JsonToken.VALUE_STRING
                && p.currentToken() != JsonToken.VALUE_NULL) {
            // 42 or true where text belongs is a client's mistake, not a name or a subject to store as "42"
            throw new UnstorableTextException(p,
                    "must be a string, not " + (p.currentToken().isNumeric() ? "a number" : "a boolean"));
        }
        String value = super.deserialize(p, ctxt);
        String problem = value == null ? null : problem(value);
        if (problem != null) {
            throw new UnstorableTextException(p, problem);
        }
        return value;
    }

    /** Why the text cannot be stored, or null when it can. */
    static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate (not a Unicode character)";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (not a Unicode character)";
            }
        }
        return null;
    }

    /** A string value that cannot be stored; the message says why. */
    public static final class UnstorableTextException extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        UnstorableTextException(JsonParser p, String reason) {
            super(p, reason, String.class);
        }

        /** Why, without Jackson's location suffix. */
        public String reason() {
            return getOriginalMessage();
        }
    }
}
