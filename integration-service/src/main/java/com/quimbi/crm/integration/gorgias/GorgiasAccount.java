package com.quimbi.crm.integration.gorgias;

import java.time.Instant;

/** A connected Gorgias account as an admin sees it: never the API key or the webhook secret. */
public record GorgiasAccount(String domain, String email, Instant connectedAt, Instant updatedAt) {
}
