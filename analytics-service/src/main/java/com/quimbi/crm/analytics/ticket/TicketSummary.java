package com.quimbi.crm.analytics.ticket;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Ticket counts, by status, channel and priority.")
public record TicketSummary(long total, Map<String, Long> byStatus, Map<String, Long> byChannel,
        Map<String, Long> byPriority) {
}
