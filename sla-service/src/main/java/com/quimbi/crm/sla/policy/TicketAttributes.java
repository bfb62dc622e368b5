package com.quimbi.crm.sla.policy;

import java.util.List;

/** What policy conditions look at; null = not known yet (e.g. no enrichment so far). */
public record TicketAttributes(String priority, String channel, String customerTier, String category, List<String> tags) {
}
