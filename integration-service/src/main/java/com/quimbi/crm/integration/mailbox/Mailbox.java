package com.quimbi.crm.integration.mailbox;

import java.time.Instant;
import java.util.UUID;

/** A mailbox as the API shows it: never its password. */
public record Mailbox(UUID id, String address, String displayName, String imapHost, int imapPort, boolean imapTls,
        String folder, String smtpHost, int smtpPort, boolean smtpTls, String username, boolean enabled,
        String source, Long uidValidity, long lastUid, Instant lastPolledAt, String lastError, Instant createdAt,
        Instant updatedAt) {

    /** The address's domain, for our Message-IDs. */
    public String domain() {
        return address.substring(address.indexOf('@') + 1);
    }

    /** {@code local+token@domain}: the reply-to of our replies on a ticket. */
    public String plusAddress(String token) {
        int at = address.indexOf('@');
        return address.substring(0, at) + "+" + token + address.substring(at);
    }
}
