package com.quimbi.crm.quimbi.ticket;

import java.time.Instant;
import java.util.UUID;

/** A ticket as the adapter knows it from the stream: enough to classify it and draft a reply. */
public record TicketContext(UUID ticketId, String number, String subject, String description, String channel,
        String priority, String customerKey, String customerEmail, String category, String sentiment,
        int customerMessageCount, String lastCustomerMessage, Instant createdAt) {

    /** The customer id for Quimbi and the API: ticket-service's id, or null when only the email is known. */
    public String customerId() {
        return customerKey.startsWith("email:") ? null : customerKey;
    }

    /** Everything the customer wrote: the opening text and their latest message. */
    public String text() {
        String body = description == null ? "" : description;
        return lastCustomerMessage == null ? body : body + "\n" + lastCustomerMessage;
    }
}
