package com.quimbi.crm.quimbi.insight;

import java.util.List;

/** Everything a reply draft is written from: the ticket, its conversation, the customer and their orders. */
public record DraftContext(String ticketId, String number, String subject, String body, String channel,
        String category, String sentiment, String customerId, String customerName, String tier,
        List<String> customerMessages, String tone, LatestOrder latestOrder) {
}
