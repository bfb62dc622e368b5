package com.quimbi.crm.quimbi.messaging;

import java.util.UUID;

/**
 * The part of {@code message.added} the adapter reads: customer messages re-score their ticket. Lenient on
 * purpose: the schema ships with ticket-service's messages (issue #3); text is taken from {@code bodyText},
 * else {@code body}; the author's type from {@code authorType}, else {@code author.type}.
 */
record MessageAddedData(UUID ticketId, String authorType, Author author, Boolean internal, String bodyText,
        String body) {

    record Author(String type, String id) {
    }

    boolean fromCustomer() {
        String type = authorType != null ? authorType : author == null ? null : author.type();
        return "customer".equals(type) && !Boolean.TRUE.equals(internal);
    }

    String text() {
        return bodyText != null ? bodyText : body;
    }
}
